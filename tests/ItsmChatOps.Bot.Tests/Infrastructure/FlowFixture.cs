using System.Net;
using System.Text.Json;
using ItsmChatOps.Api.Client.Security;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Notifications;
using ItsmChatOps.Bot.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>
/// The bot wired to the real API: turns run through the application with Teams activities, replies and
/// proactive messages go to the Connector stubbed at the HTTP boundary, and the notifier is polled by the
/// tests. One API and one bot for the whole flow collection; each test works on incidents of its own.
/// </summary>
public sealed class FlowFixture : IAsyncLifetime
{
    private int activityIds;

    public ApiHost Api { get; private set; } = null!;

    public BotFactory Bot { get; private set; } = null!;

    public RecordingHandler Connector => Bot.Connector;

    public async Task InitializeAsync()
    {
        Api = new ApiHost();
        foreach (var user in TeamsUsers.Linked)
        {
            await Api.LinkTeamsAsync(user.PersonId, user.ObjectId);
        }

        await Api.SurveyEveryClosureAsync();

        Bot = StartBot(Api);
        Bot.Connector.Responder = Respond;
    }

    /// <summary>Another bot instance over the same API (its own process state, its own Connector stub).</summary>
    public static BotFactory StartBot(ApiHost api)
    {
        var bot = new BotFactory();
        bot.Settings["Api:BaseUrl"] = api.BaseUrl;
        bot.Settings["WarRooms:TeamId"] = WarRoomTeamId;
        bot.Settings["WarRooms:TenantId"] = TestActivities.TenantId;
        bot.Settings["WarRooms:ServiceUrl"] = "https://smba.trafficmanager.net/teams/";
        bot.Graph.Responder = _ => RecordingHandler.Json(HttpStatusCode.Created,
            new { id = $"19:room-{Guid.NewGuid():N}@thread.tacv2", displayName = "war room", webUrl = "https://teams.microsoft.com/l/channel/war-room" });
        bot.Settings[DevelopmentAuth.ServiceKeySetting] = ApiHost.ServiceKey;
        _ = bot.Services;
        return bot;
    }

    /// <summary>The team war-room channels are created in.</summary>
    public const string WarRoomTeamId = "team-operations";

    public Task DisposeAsync()
    {
        Bot.Dispose();
        Api.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs one turn as the channel would deliver it; returns the invoke response for invokes.</summary>
    public Task<InvokeResponse?> RunAsync(Activity activity) =>
        Bot.Services.GetRequiredService<TurnRunner>().RunAsync(activity, CancellationToken.None);

    /// <summary>Runs a turn and returns the Connector calls it made.</summary>
    public async Task<(InvokeResponse? Response, IReadOnlyList<RecordedRequest> Sent)> TurnAsync(Activity activity)
    {
        var mark = Connector.Requests.Count;
        var response = await RunAsync(activity);
        return (response, Connector.Requests.Skip(mark).ToList());
    }

    /// <summary>Relays the API's events and lets the notifier deliver them; returns the Connector calls it made.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> NotifyAsync()
    {
        var mark = Connector.Requests.Count;
        await Api.RelayAsync();
        await Bot.Services.GetRequiredService<Notifier>().PollOnceAsync(CancellationToken.None);
        return Connector.Requests.Skip(mark).ToList();
    }

    /// <summary>The Connector as Teams answers: an id for every new activity and conversation.</summary>
    public HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post && path.EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            var parameters = JsonDocument.Parse(request.Content!.ReadAsStringAsync().Result).RootElement;
            if (parameters.TryGetProperty("channelData", out var data) && data.TryGetProperty("channel", out var channel))
            {
                var thread = $"act-{Interlocked.Increment(ref activityIds)}";
                return RecordingHandler.Json(HttpStatusCode.OK, new { id = $"{channel.GetProperty("id").GetString()};messageid={thread}", activityId = thread });
            }

            var member = JsonDocument.Parse(request.Content!.ReadAsStringAsync().Result).RootElement.GetProperty("members")[0].GetProperty("id").GetString();
            return RecordingHandler.Json(HttpStatusCode.OK, new { id = $"a:created-{member}" });
        }

        if (request.Method == HttpMethod.Get && path.Contains("/members/", StringComparison.Ordinal))
        {
            var memberId = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
            return TeamsUsers.Linked.FirstOrDefault(u => u.ChatId == memberId) is { } user
                ? RecordingHandler.Json(HttpStatusCode.OK, new { id = user.ChatId, name = user.Name, aadObjectId = user.ObjectId, tenantId = TestActivities.TenantId })
                : RecordingHandler.Json(HttpStatusCode.NotFound, new { error = new { code = "MemberNotFoundInConversation" } });
        }

        var id = request.Method == HttpMethod.Put ? Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]) : $"act-{Interlocked.Increment(ref activityIds)}";
        return RecordingHandler.Json(HttpStatusCode.OK, new { id });
    }
}

[CollectionDefinition(Name)]
public sealed class FlowCollection : ICollectionFixture<FlowFixture>
{
    public const string Name = "Flows against the API";
}
