using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItsmChatOps.Api.Tests.ServiceLevels;

public sealed class SlaWarningTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public SlaWarningTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "SLM-09")]
    public async Task P2_WarnsTheAssigneeAt75And90Percent_BreachesAt100_AndNeverRepeats()
    {
        _api.NextMonday(9);
        var incident = await _steps.InProgressWithBobAsync(Requests.Incident(impact: Impact.Medium, urgency: Urgency.High, category: "Software > Email"));
        _api.Clock.Advance(TimeSpan.FromHours(6));
        await _api.RunTimersAsync();
        var first = Assert.Single(await SlaEventsAsync(incident.Id));
        Assert.Equal(("SlaWarning", 0.75, "Resolution"), (first.Kind, Share(first), first.Data!["target"]!.GetValue<string>()));
        Assert.Equal(["bob"], first.Notify);

        _api.Clock.Advance(TimeSpan.FromHours(2));
        await _api.RunTimersAsync();
        var events = await SlaEventsAsync(incident.Id);
        Assert.Equal([("SlaWarning", 0.75), ("SlaWarning", 0.9), ("SlaBreached", 1.0)], events.Select(e => (e.Kind, Share(e))));
        var breach = events[^1];
        Assert.Contains("role:IncidentManager", breach.Notify);
        Assert.Contains("mia", breach.Notify);
        Assert.True((await _steps.GetAsync(incident.Id)).Sla.ResolutionBreached);

        _api.Clock.Advance(TimeSpan.FromDays(2));
        await _api.RunTimersAsync();
        Assert.Equal(3, (await SlaEventsAsync(incident.Id)).Count);
    }

    [Fact]
    [Trait("Requirement", "SLM-09")]
    public async Task Unassigned_ResponseWarningGoesToTheGroupChannel()
    {
        _api.NextMonday(9);
        var incident = await _steps.RaiseAsync(Requests.Incident(impact: Impact.Medium, urgency: Urgency.High, category: "Software > Email"));
        await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-messaging" });
        _api.Clock.Advance(TimeSpan.FromMinutes(23));
        await _api.RunTimersAsync();
        var warning = Assert.Single(await SlaEventsAsync(incident.Id));
        Assert.Equal("Response", warning.Data!["target"]!.GetValue<string>());
        Assert.Equal(["group:grp-messaging"], warning.Notify);
    }

    [Fact]
    [Trait("Requirement", "SLM-09")]
    public async Task EachThresholdFiresOnce_WithTwoWorkersRunningAtOnce()
    {
        _api.NextMonday(9);
        var incident = await _steps.InProgressWithBobAsync(Requests.Incident(impact: Impact.Medium, urgency: Urgency.High, category: "Software > Email"));
        var services = _api.Services;
        var other = new IncidentTimers(services.GetRequiredService<IncidentStore>(), services.GetRequiredService<IncidentService>(),
            services.GetRequiredService<People.PeopleStore>(), ActivatorUtilities.CreateInstance<Leases>(services), _api.Clock,
            services.GetRequiredService<IConfiguration>(), NullLogger<IncidentTimers>.Instance);
        _api.Clock.Advance(TimeSpan.FromHours(6.5));
        await Task.WhenAll(_api.RunTimersAsync(), other.RunDueAsync(CancellationToken.None), _api.RunTimersAsync(), other.RunDueAsync(CancellationToken.None));
        Assert.Single(await SlaEventsAsync(incident.Id));
    }

    [Fact]
    [Trait("Requirement", "SLM-09")]
    [Trait("Requirement", "SLM-08")]
    public async Task Threshold_RearmsOnlyWhenTheDueTimeMovesLater()
    {
        var start = _api.NextMonday(9);
        var incident = await _steps.InProgressWithBobAsync(Requests.Incident(impact: Impact.Medium, urgency: Urgency.High, category: "Software > Email"));
        _api.Clock.Advance(TimeSpan.FromHours(6.1));
        await _api.RunTimersAsync();
        await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.OnHold, HoldReason = HoldReason.AwaitingCustomer });
        _api.Clock.Advance(TimeSpan.FromMinutes(45));
        await _api.RunTimersAsync();
        Assert.Single(await SlaEventsAsync(incident.Id)); // a paused clock does not warn

        var resumed = await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.InProgress });
        Assert.True(resumed.ResolutionDue > incident.ResolutionDue); // 45 minutes of service time later (the next morning)
        await _api.RunTimersAsync();
        Assert.Equal([0.75, 0.75], (await SlaEventsAsync(incident.Id)).Select(Share)); // the due time moved later: 75% again

        _api.Clock.SetUtcNow(start.AddHours(7.2).AddMinutes(44));
        await _api.RunTimersAsync();
        Assert.Equal([0.75, 0.75], (await SlaEventsAsync(incident.Id)).Select(Share));
        _api.Clock.SetUtcNow(start.AddHours(7.2).AddMinutes(45));
        await _api.RunTimersAsync();
        Assert.Equal([0.75, 0.75, 0.9], (await SlaEventsAsync(incident.Id)).Select(Share));
    }

    [Fact]
    [Trait("Requirement", "SLM-11")]
    public async Task AtRiskAndBreachedFilters_MatchTheFlags()
    {
        _api.NextMonday(9);
        var risky = await _steps.InProgressWithBobAsync(Requests.Incident("Risky", impact: Impact.Medium, urgency: Urgency.High, category: "Software > Email"));
        var calm = await _steps.InProgressWithBobAsync(Requests.Incident("Calm", impact: Impact.Low, urgency: Urgency.Low, category: "Software > Email"));
        _api.Clock.Advance(TimeSpan.FromHours(7));
        var atRisk = await (await _steps.Alice.GetAsync("/api/incidents?atRisk=true&groupId=grp-messaging&pageSize=200")).ReadAsync<Page<IncidentSummary>>();
        var row = Assert.Single(atRisk.Items, i => i.Id == risky.Id);
        Assert.True(row.Sla.AtRisk);
        Assert.DoesNotContain(atRisk.Items, i => i.Id == calm.Id);
    }

    private static double Share(EventResponse e) => e.Data!["share"]!.GetValue<double>();

    private async Task<List<EventResponse>> SlaEventsAsync(string id) =>
        (await _steps.TimelineAsync(id)).Where(e => e.Kind is "SlaWarning" or "SlaBreached").ToList();
}
