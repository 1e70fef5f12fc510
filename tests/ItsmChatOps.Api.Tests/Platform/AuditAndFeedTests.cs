using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Platform;

public sealed class AuditAndFeedTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public AuditAndFeedTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "MGT-05")]
    public async Task UrgencyChangedThroughTeams_IsAuditedWithActorChannelAndOldAndNewValues()
    {
        var incident = await _steps.InProgressWithBobAsync();
        await (await _api.AsBot("bob", Channel.Teams).PostJsonAsync($"/api/incidents/{incident.Id}/priority",
            new ReprioritizeIncidentRequest { Urgency = Urgency.High, Reason = "Month-end close depends on it" })).ReadAsync<IncidentResponse>();
        await _api.RelayEventsAsync();
        var change = (await _steps.TimelineAsync(incident.Id)).Single(e => e.Kind == "IncidentReprioritized");
        Assert.Equal("bob", change.ActorId);
        Assert.Equal(Channel.Teams, change.Channel);
        Assert.Equal("service:itsm-bot", change.Via);
        Assert.Contains(change.Changes, c => c.Field == "urgency" && c.Old!.GetValue<string>() == "Medium" && c.New!.GetValue<string>() == "High");
        Assert.Contains(change.Changes, c => c.Field == "priority" && c.Old!.GetValue<string>() == "P3" && c.New!.GetValue<string>() == "P2");
        Assert.NotNull(change.Position);
    }

    [Fact]
    [Trait("Requirement", "MGT-05")]
    public async Task Events_CannotBeEditedOrDeleted()
    {
        var incident = await _steps.RaiseAsync();
        await _api.RelayEventsAsync();
        var first = (await _steps.TimelineAsync(incident.Id))[0];
        var bot = _api.AsBot(null);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync($"/api/events/{first.Id}")).StatusCode);
        var delete = await bot.DeleteAsync($"/api/events/{first.Id}");
        Assert.Contains("MGT-05", (await delete.ProblemAsync(HttpStatusCode.MethodNotAllowed)).Requirements());
        var patch = await bot.PatchAsync($"/api/events/{first.Id}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await patch.ProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal("GET", patch.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Feed_ServesEveryEventOnceInOrder_AndResumesFromTheCursor()
    {
        await _api.RelayEventsAsync();
        var cursor = (await FeedAsync(null)).Cursor;
        for (var page = await FeedAsync(cursor); page.Events.Count > 0; page = await FeedAsync(cursor))
        {
            cursor = page.Cursor;
        }

        var raised = new List<string>();
        var bursts = Enumerable.Range(0, 12).Select(i => _steps.RaiseAsync(Requests.Incident($"Feed check {i}")));
        raised.AddRange((await Task.WhenAll(bursts)).Select(i => i.Id));
        var moved = await _steps.InProgressWithBobAsync(Requests.Incident("Feed check moves", category: "Software > Email"));
        await _api.RelayEventsAsync();

        var seen = new List<EventResponse>();
        for (var next = cursor; ;)
        {
            var page = await FeedAsync(next, 5);
            if (page.Events.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Events);
            next = page.Cursor;
        }

        Assert.Equal(seen.Count, seen.Select(e => e.Id).Distinct().Count());
        Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
        Assert.All(raised, id => Assert.Single(seen, e => e.RecordId == id && e.Kind == "IncidentCreated"));
        Assert.Equal(["IncidentCreated", "IncidentAssigned", "IncidentTaken"], seen.Where(e => e.RecordId == moved.Id).Select(e => e.Kind));
        Assert.Empty((await FeedAsync(seen[^1].Position!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).Events);
    }

    [Fact]
    public async Task Feed_IsForTheBotAndAdministratorsOnly()
    {
        await (await _steps.Dave.GetAsync("/api/events")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await _api.As("grace@contoso.test").GetAsync("/api/events")).StatusCode);
        await (await _api.AsBot(null).GetAsync("/api/events?after=abc")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Relay_RunTwice_AppendsNothingTwice()
    {
        await _steps.RaiseAsync(Requests.Incident("Relay idempotence"));
        await _api.SettleAsync(); // relayed, and the reactions' own events too: nothing else is being written
        Assert.Equal(0, await _api.RelayEventsAsync());
    }

    private async Task<EventFeedPage> FeedAsync(string? after, int limit = 100) =>
        await (await _api.AsBot(null).GetAsync($"/api/events?limit={limit}" + (after is null ? "" : $"&after={after}"))).ReadAsync<EventFeedPage>();
}
