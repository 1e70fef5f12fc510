using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Tests.Shared;
using static ItsmChatOps.Tests.Shared.KnownErrorSteps;

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
        var entry = await KnownErrorSteps.PublishAsync(paula, andy, "andy", title, symptoms, workaround);
        await api.RelayAsync(); // the search index follows the event feed
        return entry;
    }

    public static async Task<KnowledgeItemResponse> KnowledgeItemAsync(this ApiHost api, string id)
    {
        using var kate = api.As("kate@contoso.test");
        return await ReadAsync<KnowledgeItemResponse>(await kate.GetAsync($"api/knowledge/{id}"));
    }
}
