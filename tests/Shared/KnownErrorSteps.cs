using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using Xunit;

namespace ItsmChatOps.Tests.Shared;

/// <summary>
/// A known error as the problem manager and the analyst make one over HTTP (KB-05): a problem about an email fault with a
/// workaround reaches RootCauseIdentified, and its known error's KB entry is made customer-visible and published.
/// Shared by the bot and end-to-end tests, which sign the two people in their own way.
/// </summary>
public static class KnownErrorSteps
{
    /// <summary>Returns the published KB entry's id; the search index picks it up from the event feed afterwards.</summary>
    public static async Task<string> PublishAsync(HttpClient problemManager, HttpClient analyst, string analystId, string title, string symptoms, string workaround)
    {
        var problem = await ReadAsync<ProblemResponse>(await problemManager.PostAsJsonAsync("api/problems", new CreateProblemRequest
        {
            Title = title, Description = symptoms, ServiceIds = ["svc-email"], CiIds = ["CI-000101"], Impact = Impact.Medium, Urgency = Urgency.Medium,
            Category = "Software > Email",
        }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await problemManager.PostAsJsonAsync($"api/problems/{problem.Id}/transitions",
            new TransitionProblemRequest { To = ProblemState.UnderInvestigation, AnalystId = analystId }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await problemManager.PatchAsJsonAsync($"api/problems/{problem.Id}",
            new UpdateProblemRequest { RootCause = "A faulty update of the mail client.", ResolutionMethod = "Roll out the vendor's fixed build." }, ItsmJson.Options));
        await ReadAsync<ProblemResponse>(await problemManager.PostAsJsonAsync($"api/problems/{problem.Id}/workarounds",
            new AddProblemWorkaroundRequest(workaround, null), ItsmJson.Options));
        problem = await ReadAsync<ProblemResponse>(await analyst.PostAsJsonAsync($"api/problems/{problem.Id}/transitions",
            new TransitionProblemRequest { To = ProblemState.RootCauseIdentified }, ItsmJson.Options));
        var error = await ReadAsync<KnownErrorResponse>(await problemManager.GetAsync($"api/known-errors/{problem.KnownErrorIds.Single()}"));
        await ReadAsync<KnowledgeItemResponse>(await problemManager.PatchAsJsonAsync($"api/knowledge/{error.WorkaroundKbId}",
            new UpdateKnowledgeItemRequest { Audience = KnowledgeAudience.Customers }, ItsmJson.Options));
        await ReadAsync<KnownErrorResponse>(await problemManager.PostAsJsonAsync($"api/known-errors/{error.Id}/transitions",
            new TransitionKnownErrorRequest { To = KnownErrorState.Published }, ItsmJson.Options));
        return error.WorkaroundKbId!;
    }

    /// <summary>The answer's body; a refusal fails the test with the API's own words.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(ItsmJson.Options))!;
        }
    }
}
