using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Knowledge and problem work done over HTTP, as the problem manager and the analyst do it.</summary>
public static class KnowledgeSteps
{
    /// <summary>
    /// A problem about <paramref name="title"/> with a workaround reaches RootCauseIdentified; its known error's KB entry
    /// is made customer-visible and published (KB-05). Returns the KB item's id.
    /// </summary>
    public static async Task<string> PublishedKnownErrorAsync(this ApiHost api, string title, string symptoms, string workaround)
    {
        using var paula = api.As("paula@contoso.test");
        using var andy = api.As("andy@contoso.test");
        var problem = await ReadAsync<ProblemResponse>(await paula.PostAsJsonAsync("api/problems", new CreateProblemRequest
        {
            Title = title, Description = symptoms, ServiceIds = ["svc-email"], CiIds = ["CI-000101"], Impact = Impact.Medium, Urgency = Urgency.Medium,
            Category = "Software > Email",
        }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await paula.PostAsJsonAsync($"api/problems/{problem.Id}/transitions",
            new TransitionProblemRequest { To = ProblemState.UnderInvestigation, AnalystId = "andy" }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await paula.PatchAsJsonAsync($"api/problems/{problem.Id}",
            new UpdateProblemRequest { RootCause = "A faulty update of the mail client.", ResolutionMethod = "Roll out the vendor's fixed build." }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await paula.PostAsJsonAsync($"api/problems/{problem.Id}/workarounds", new AddProblemWorkaroundRequest(workaround, null), ItsmJson.Options));
        problem = await ReadAsync<ProblemResponse>(await andy.PostAsJsonAsync($"api/problems/{problem.Id}/transitions",
            new TransitionProblemRequest { To = ProblemState.RootCauseIdentified }, ItsmJson.Options));
        var error = await ReadAsync<KnownErrorResponse>(await paula.GetAsync($"api/known-errors/{problem.KnownErrorIds.Single()}"));
        await ReadAsync<KnowledgeItemResponse>(await paula.PatchAsJsonAsync($"api/knowledge/{error.WorkaroundKbId}",
            new UpdateKnowledgeItemRequest { Audience = KnowledgeAudience.Customers }, ItsmJson.Options));
        await ReadAsync<KnownErrorResponse>(await paula.PostAsJsonAsync($"api/known-errors/{error.Id}/transitions",
            new TransitionKnownErrorRequest { To = KnownErrorState.Published }, ItsmJson.Options));
        await api.RelayAsync(); // the search index follows the event feed
        return error.WorkaroundKbId!;
    }

    public static async Task<KnowledgeItemResponse> KnowledgeItemAsync(this ApiHost api, string id)
    {
        using var kate = api.As("kate@contoso.test");
        return await ReadAsync<KnowledgeItemResponse>(await kate.GetAsync($"api/knowledge/{id}"));
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(ItsmJson.Options))!;
        }
    }
}
