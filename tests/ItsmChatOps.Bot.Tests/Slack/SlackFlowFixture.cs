using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Notifications;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>The Slack app against the real API: signed requests in, Web API calls out (stubbed at the HTTP boundary).</summary>
public sealed class SlackFlowFixture : IAsyncLifetime
{
    private int ids;

    public ApiHost Api { get; private set; } = null!;

    public SlackBot Bot { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new ApiHost();
        await Api.SurveyEveryClosureAsync();
        Bot = new SlackBot(Api);
        Client = Bot.CreateClient();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Bot.Dispose();
        Api.Dispose();
        return Task.CompletedTask;
    }

    public string NextId(string prefix) => $"{prefix}{Interlocked.Increment(ref ids):D6}";

    public Task<HttpResponseMessage> SendAsync(Func<DateTimeOffset, HttpRequestMessage> request) => Bot.SendAsync(Client, request);

    /// <summary>
    /// The number of Slack calls made so far, taken once the bot is quiet: the calls a turn still running from an earlier
    /// step (or an earlier test of the collection) makes later are not counted as the answer to what comes next.
    /// </summary>
    public async Task<int> MarkAsync()
    {
        await Bot.IdleAsync();
        return Bot.Slack.Requests.Count;
    }

    /// <summary>Sends a request and waits until the work behind it made <paramref name="calls"/> Slack calls; returns those.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<RecordedRequest> Calls)> ExchangeAsync(Func<DateTimeOffset, HttpRequestMessage> request, int calls)
    {
        var mark = await MarkAsync();
        var response = await SendAsync(request);
        await Bot.Slack.WaitForAsync(mark + calls);
        return (response, Bot.CallsSince(mark));
    }

    /// <summary>Relays the API's events and lets the notifier deliver them; returns the Slack calls it made.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> NotifyAsync()
    {
        var mark = await MarkAsync();
        await Api.RelayAsync();
        await Bot.Services.GetRequiredService<Notifier>().PollOnceAsync(CancellationToken.None);
        return Bot.CallsSince(mark);
    }

    /// <summary>The incidents <paramref name="email"/> reported with <paramref name="summary"/>.</summary>
    public async Task<IReadOnlyList<IncidentSummary>> ReportedAsync(string summary, string email = "alice@contoso.test")
    {
        using var reader = Api.As(email);
        var page = await reader.GetFromJsonAsync<Page<IncidentSummary>>($"api/incidents?text={Uri.EscapeDataString(summary)}&pageSize=50", ItsmJson.Options);
        return [.. page!.Items.Where(i => i.Summary == summary)];
    }
}

[CollectionDefinition(Name)]
public sealed class SlackFlowCollection : ICollectionFixture<SlackFlowFixture>
{
    public const string Name = "Slack flows against the API";
}
