using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Incidents;

public sealed class ClosureTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public ClosureTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task Close_WithoutTheReportersConfirmation_Is409_AnotherUserConfirming_Is403_ReporterConfirming_Closes()
    {
        var incident = await _steps.ResolvedByBobAsync();
        var byResolver = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Closed });
        Assert.Contains("INC-05", (await byResolver.ProblemAsync(HttpStatusCode.Conflict)).Requirements());
        await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/watchers", new WatchRequest("ellen"));
        var byWatcher = await _api.As("ellen@contoso.test").PostJsonAsync($"/api/incidents/{incident.Id}/confirmation", new ConfirmResolutionRequest(true, null));
        await byWatcher.ProblemAsync(HttpStatusCode.Forbidden);
        var closed = await (await _steps.Dave.PostJsonAsync($"/api/incidents/{incident.Id}/confirmation", new ConfirmResolutionRequest(true, null))).ReadAsync<IncidentResponse>();
        Assert.Equal(IncidentState.Closed, closed.State);
        Assert.Equal(ClosureMethod.ReporterConfirmed, closed.Closure!.Method);
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task ServiceDesk_RecordsAConfirmationGivenByPhone_OnlyWithANote()
    {
        var incident = await _steps.ResolvedByBobAsync();
        var noNote = await _steps.Alice.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Closed });
        Assert.Contains("note", (await noNote.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var closed = await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Closed, Note = "Dave confirmed on the phone at 14:05." });
        Assert.Equal(ClosureMethod.ConfirmedViaAgent, closed.Closure!.Method);
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task Window_ExpiresAfterADeliveredRequest_ClosesAsTimedOut_WithAReminderAfterOneServiceDay()
    {
        _api.NextMonday();
        var incident = await _steps.ResolvedByBobAsync();
        await DeliverConfirmationAsync(incident.Id, delivered: true);
        var delivered = await _steps.GetAsync(incident.Id);
        Assert.Equal(_api.Clock.GetUtcNow().AddDays(1), delivered.Confirmation!.ReminderDueAt);
        Assert.Equal(_api.Clock.GetUtcNow().AddDays(3), delivered.Confirmation.AutoCloseAt);

        _api.Clock.Advance(TimeSpan.FromDays(1));
        await _api.RunTimersAsync();
        var reminded = await _steps.TimelineAsync(incident.Id);
        Assert.Single(reminded, e => e.Kind == "ConfirmationReminderDue" && e.Notify.SequenceEqual(["dave"]));

        _api.Clock.Advance(TimeSpan.FromDays(2));
        await _api.RunTimersAsync();
        var closed = await _steps.GetAsync(incident.Id);
        Assert.Equal(IncidentState.Closed, closed.State);
        Assert.Equal(ClosureMethod.TimedOut, closed.Closure!.Method);
        Assert.Single(await _steps.TimelineAsync(incident.Id), e => e.Kind == "ConfirmationReminderDue");
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task Request_NeverDelivered_StaysResolved_AndIsOnTheServiceDesksFollowUpList()
    {
        var incident = await _steps.ResolvedByBobAsync();
        await DeliverConfirmationAsync(incident.Id, delivered: false);
        _api.Clock.Advance(TimeSpan.FromDays(10));
        await _api.RunTimersAsync();
        var stillResolved = await _steps.GetAsync(incident.Id);
        Assert.Equal(IncidentState.Resolved, stillResolved.State);
        Assert.True(stillResolved.Confirmation!.NeedsServiceDeskContact);
        var followUp = await (await _steps.Alice.GetAsync("/api/incidents?needsContact=true")).ReadAsync<Page<IncidentSummary>>();
        Assert.Contains(followUp.Items, i => i.Id == incident.Id);
    }

    [Fact]
    [Trait("Requirement", "INC-06")]
    public async Task MonitoringIncident_ClosesOnTheClearEvent_AndAResolverCannotConfirmIt()
    {
        var monitoring = _api.AsMonitoring();
        var alert = Requests.Incident("Mail queue above 10k messages", "svc-email", Impact.Medium, Urgency.High, "Capacity/Performance > Slowness") with { DedupeKey = "mailqueue-depth" };
        var incident = await (await monitoring.PostJsonAsync("/api/incidents", alert)).ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-messaging" });
        await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.InProgress });
        await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution(cause: "Capacity") });
        var byResolver = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Closed });
        Assert.Contains("INC-06", (await byResolver.ProblemAsync(HttpStatusCode.Forbidden)).Requirements());
        var cleared = await (await monitoring.PostJsonAsync("/api/incidents/monitoring-clear", new MonitoringClearRequest("mailqueue-depth"))).ReadAsync<IncidentResponse>();
        Assert.Equal(IncidentState.Closed, cleared.State);
        Assert.Equal(ClosureMethod.MonitoringCleared, cleared.Closure!.Method);
    }

    [Fact]
    [Trait("Requirement", "INC-06")]
    public async Task MonitoringIncident_CanBeConfirmedByTheServiceOwner()
    {
        var alert = Requests.Incident("Payroll job overran", "svc-payroll", Impact.Medium, Urgency.Medium, "Software > Business application") with { DedupeKey = "payroll-overrun" };
        var incident = await (await _api.AsMonitoring().PostJsonAsync("/api/incidents", alert)).ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        var priya = _api.As("priya@contoso.test");
        await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-business-apps" });
        await _steps.MoveAsync(priya, incident.Id, new() { To = IncidentState.InProgress });
        await _steps.MoveAsync(priya, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        var closed = await _steps.MoveAsync(_api.As("oscar@contoso.test"), incident.Id, new() { To = IncidentState.Closed });
        Assert.Equal(ClosureMethod.OwnerConfirmed, closed.Closure!.Method);
    }

    [Fact]
    [Trait("Requirement", "INC-17")]
    public async Task NotFixed_ReopensToTheLastResolver_AndTheTimeSpentResolvedDoesNotCount()
    {
        _api.NextMonday();
        var resolved = await _steps.ResolvedByBobAsync(Requests.Incident(category: "Software > Email"));
        var dueBefore = resolved.ResolutionDue!.Value;
        _api.Clock.Advance(TimeSpan.FromHours(2));
        var noReason = await _steps.Dave.PostJsonAsync($"/api/incidents/{resolved.Id}/confirmation", new ConfirmResolutionRequest(false, null));
        Assert.Contains("reason", (await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var reopened = await (await _steps.Dave.PostJsonAsync($"/api/incidents/{resolved.Id}/confirmation", new ConfirmResolutionRequest(false, "Still asks for my password after lunch")))
            .ReadAsync<IncidentResponse>();
        Assert.Equal(IncidentState.InProgress, reopened.State);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal("bob", reopened.AssigneeId);
        Assert.Equal(dueBefore + TimeSpan.FromHours(2), reopened.ResolutionDue);
    }

    [Fact]
    [Trait("Requirement", "INC-17")]
    public async Task AfterClosure_NotFixedIsRefused_AndARecurrenceIsANewLinkedIncident()
    {
        var resolved = await _steps.ResolvedByBobAsync();
        await _steps.Dave.PostJsonAsync($"/api/incidents/{resolved.Id}/confirmation", new ConfirmResolutionRequest(true, null));
        var late = await _steps.Dave.PostJsonAsync($"/api/incidents/{resolved.Id}/confirmation", new ConfirmResolutionRequest(false, "It is back"));
        await late.ProblemAsync(HttpStatusCode.Conflict);
        var recurrence = await (await _steps.Dave.PostJsonAsync($"/api/incidents/{resolved.Id}/recurrence", new RecurrenceRequest("It started again this morning.")))
            .ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        Assert.NotEqual(resolved.Id, recurrence.Id);
        Assert.Contains(recurrence.Links, l => l.Kind == IncidentLinkKind.RecurrenceOf && l.TargetId == resolved.Id);
        var fromOriginal = await (await _steps.Alice.GetAsync($"/api/incidents/{resolved.Id}/links")).ReadAsync<List<LinkView>>();
        Assert.Contains(fromOriginal, l => l.FromId == recurrence.Id && l.Direction == "incoming");
    }

    [Fact]
    [Trait("Requirement", "SLM-10")]
    public async Task BreachedIncident_NeedsABreachCauseAndNote()
    {
        _api.NextMonday();
        var incident = await _steps.InProgressWithBobAsync(Requests.Incident(impact: Impact.Medium, urgency: Urgency.High, category: "Software > Email"));
        _api.Clock.Advance(TimeSpan.FromDays(2));
        var breached = await _steps.GetAsync(incident.Id);
        Assert.True(breached.Sla.ResolutionBreached);
        var noCause = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        Assert.Contains("SLM-10", (await noCause.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Requirements());
        var badCause = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/transitions",
            new TransitionIncidentRequest { To = IncidentState.Resolved, Resolution = Requests.Resolution(), BreachCause = "Bad luck", BreachNote = "x" });
        await badCause.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution(), BreachCause = "Supplier delay", BreachNote = "Vendor hotfix took two days." });
        var closed = await (await _steps.Dave.PostJsonAsync($"/api/incidents/{incident.Id}/confirmation", new ConfirmResolutionRequest(true, null))).ReadAsync<IncidentResponse>();
        Assert.Equal("Supplier delay", closed.Sla.BreachCause);
    }

    [Fact]
    [Trait("Requirement", "SLM-08")]
    public async Task AwaitingCustomer_PausesTheClock_AwaitingSupplier_DoesNot()
    {
        _api.NextMonday();
        var first = await _steps.InProgressWithBobAsync();
        await _steps.MoveAsync(_steps.Bob, first.Id, new() { To = IncidentState.OnHold, HoldReason = HoldReason.AwaitingCustomer });
        _api.Clock.Advance(TimeSpan.FromHours(2));
        var resumed = await _steps.MoveAsync(_steps.Bob, first.Id, new() { To = IncidentState.InProgress });
        Assert.Equal(first.ResolutionDue!.Value + TimeSpan.FromHours(2), resumed.ResolutionDue);

        var second = await _steps.InProgressWithBobAsync();
        await _steps.MoveAsync(_steps.Bob, second.Id, new() { To = IncidentState.OnHold, HoldReason = HoldReason.AwaitingSupplier });
        _api.Clock.Advance(TimeSpan.FromHours(2));
        var unchanged = await _steps.MoveAsync(_steps.Bob, second.Id, new() { To = IncidentState.InProgress });
        Assert.Equal(second.ResolutionDue, unchanged.ResolutionDue);
    }

    private async Task DeliverConfirmationAsync(string id, bool delivered)
    {
        var request = (await _steps.TimelineAsync(id)).Last(e => e.Kind == "ConfirmationRequested");
        var response = await _api.AsBot(null).PostJsonAsync($"/api/incidents/{id}/deliveries", new DeliveryReport(DeliveryKind.ConfirmationRequest, delivered, request.Id, ["dave"], delivered ? null : "User blocked the bot"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
