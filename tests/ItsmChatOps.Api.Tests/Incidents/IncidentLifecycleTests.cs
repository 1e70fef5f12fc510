using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Incidents;

public sealed class IncidentLifecycleTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public IncidentLifecycleTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "INC-07")]
    public async Task NewToClosed_Is409_AndEveryMoveOutsideTheTableIs409()
    {
        var incident = await _steps.RaiseAsync();
        var problem = await (await _steps.Alice.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Closed }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("INC-07", problem.Requirements());
        await (await _steps.Alice.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.OnHold, HoldReason = HoldReason.AwaitingCustomer }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(IncidentState.New, (await _steps.GetAsync(incident.Id)).State);
    }

    [Fact]
    [Trait("Requirement", "INC-07")]
    public async Task ClosedIncident_RefusesEdits_ButAcceptsLinks()
    {
        var closed = await ClosedAsync();
        var edit = await _steps.Alice.PatchJsonAsync($"/api/incidents/{closed.Id}", new UpdateIncidentRequest { Description = "late edit" });
        await edit.ProblemAsync(HttpStatusCode.Conflict);
        var link = await _steps.Bob.PostJsonAsync($"/api/incidents/{closed.Id}/links", new LinkIncidentRequest(IncidentLinkKind.Problem, "PRB-000001"));
        var linked = await link.ReadAsync<IncidentResponse>();
        Assert.Contains(linked.Links, l => l.Kind == IncidentLinkKind.Problem && l.TargetId == "PRB-000001");
    }

    [Fact]
    [Trait("Requirement", "INC-04")]
    public async Task AssignWithoutCategory_Is422_CancelWithoutCategory_IsAllowed()
    {
        var incident = await _steps.RaiseAsync(Requests.Incident());
        var problem = await (await _steps.Alice.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = "grp-messaging" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("INC-04", problem.Requirements());
        var cancelled = await _steps.MoveAsync(_steps.Dave, incident.Id, new() { To = IncidentState.Cancelled, CancelReason = CancelReason.Withdrawn });
        Assert.Equal(IncidentState.Cancelled, cancelled.State);
    }

    [Fact]
    [Trait("Requirement", "INC-04")]
    public async Task Classify_WithACategoryNotInTheTree_Is422()
    {
        var incident = await _steps.RaiseAsync(Requests.Incident());
        var problem = await (await _steps.Alice.PatchJsonAsync($"/api/incidents/{incident.Id}", new UpdateIncidentRequest { Category = "Software > Telepathy" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("INC-04", problem.Requirements());
        var classified = await (await _steps.Alice.PatchJsonAsync($"/api/incidents/{incident.Id}", new UpdateIncidentRequest { Category = "network > vpn" })).ReadAsync<IncidentResponse>();
        Assert.Equal("Network > VPN", classified.Category);
        Assert.Equal("grp-network", classified.SuggestedGroupId);
    }

    [Fact]
    [Trait("Requirement", "INC-08")]
    public async Task Take_StampsResponse_LoggingAgentResolvingQuickly_IsFirstContactResolution()
    {
        var incident = await _steps.RaiseAsync(Requests.Incident(category: "Access > Password or account") with { ReporterId = "ellen", Source = IncidentSource.Phone }, _steps.Alice);
        var taken = await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.InProgress });
        Assert.NotNull(taken.RespondedAt);
        Assert.Equal("alice", taken.AssigneeId);
        _api.Clock.Advance(TimeSpan.FromMinutes(10));
        var resolved = await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution("User guidance given", "User error") });
        Assert.True(resolved.FirstContactResolution);
    }

    [Fact]
    [Trait("Requirement", "INC-08")]
    public async Task TwoReassignments_AreCounted_AndThereIsNoFirstContactResolution()
    {
        var incident = await _steps.RaiseAsync(Requests.Incident(category: "Network > VPN") with { ReporterId = "ellen", Source = IncidentSource.Phone }, _steps.Alice);
        await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-network" });
        var noReason = await _steps.Alice.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = "grp-identity" });
        Assert.Contains("reason", (await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-identity", Reason = "Certificate problem, not network" });
        var again = await _steps.MoveAsync(_api.As("ivan@contoso.test"), incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-network", Reason = "Tunnel config after all" });
        Assert.Equal(2, again.ReassignmentCount);
        await _steps.MoveAsync(_api.As("nina@contoso.test"), incident.Id, new() { To = IncidentState.InProgress });
        var resolved = await _steps.MoveAsync(_api.As("nina@contoso.test"), incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        Assert.False(resolved.FirstContactResolution);
    }

    [Fact]
    [Trait("Requirement", "INC-14")]
    public async Task Resolve_WithoutCauseCategory_Is422_WithAllThree_IsResolved()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var missing = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/transitions",
            new TransitionIncidentRequest { To = IncidentState.Resolved, Resolution = Requests.Resolution() with { CauseCategory = null, Notes = "too short" } });
        var problem = await missing.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("resolution.causeCategory", problem.ErrorFields());
        Assert.Contains("resolution.notes", problem.ErrorFields());
        var resolved = await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        Assert.Equal(IncidentState.Resolved, resolved.State);
        Assert.Equal("Fixed", resolved.Resolution!.Code);
    }

    [Fact]
    [Trait("Requirement", "INC-15")]
    public async Task CannotResolve_NeedsAnExplanation_SentToTheReporter_AndClosureWaitsForDelivery()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var noExplanation = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/transitions",
            new TransitionIncidentRequest { To = IncidentState.Resolved, Resolution = Requests.Resolution("Cannot resolve", "Supplier") });
        Assert.Contains("resolution.explanation", (await noExplanation.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await _steps.MoveAsync(_steps.Bob, incident.Id, new()
        {
            To = IncidentState.Resolved,
            Resolution = Requests.Resolution("Cannot resolve", "Supplier", "The vendor no longer supports this add-in; we have asked for a replacement."),
        });
        var explanation = (await _steps.TimelineAsync(incident.Id)).Single(e => e.Kind == "ResolutionExplanationRequested");
        Assert.Equal(["dave"], explanation.Notify);
        var resolvedEvent = (await _steps.TimelineAsync(incident.Id)).Single(e => e.Kind == "IncidentResolved");
        Assert.Contains("dave", resolvedEvent.Notify);
        Assert.Contains("group:grp-messaging", resolvedEvent.Notify);

        var early = await _steps.Dave.PostJsonAsync($"/api/incidents/{incident.Id}/confirmation", new ConfirmResolutionRequest(true, null));
        Assert.Contains("INC-15", (await early.ProblemAsync(HttpStatusCode.Conflict)).Requirements());
        await Deliver(incident.Id, DeliveryKind.ResolutionExplanation, explanation.Id);
        var closed = await (await _steps.Dave.PostJsonAsync($"/api/incidents/{incident.Id}/confirmation", new ConfirmResolutionRequest(true, null))).ReadAsync<IncidentResponse>();
        Assert.Equal(IncidentState.Closed, closed.State);
    }

    [Fact]
    [Trait("Requirement", "INC-03")]
    public async Task Reprioritize_WithoutReason_Is422_IncidentManagerOverride_IsFlaggedAndDueTimesRecomputed()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var noReason = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/priority", new ReprioritizeIncidentRequest { Urgency = Urgency.High });
        Assert.Contains("reason", (await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var notManager = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/priority", new ReprioritizeIncidentRequest { OverridePriority = Priority.P1, Reason = "CEO affected" });
        await notManager.ProblemAsync(HttpStatusCode.Forbidden);
        var overridden = await (await _steps.Carol.PostJsonAsync($"/api/incidents/{incident.Id}/priority", new ReprioritizeIncidentRequest { OverridePriority = Priority.P1, Reason = "Board meeting in an hour" }))
            .ReadAsync<IncidentResponse>();
        Assert.Equal(Priority.P1, overridden.Priority);
        Assert.True(overridden.PriorityOverridden);
        Assert.Equal(incident.CreatedAt + TimeSpan.FromHours(4), overridden.ResolutionDue);
        var told = (await _steps.TimelineAsync(incident.Id)).Last(e => e.Kind == "IncidentReprioritized");
        Assert.Contains("dave", told.Notify);
    }

    private async Task Deliver(string id, DeliveryKind kind, string eventId, bool delivered = true)
    {
        var response = await _api.AsBot(null).PostJsonAsync($"/api/incidents/{id}/deliveries", new DeliveryReport(kind, delivered, eventId, ["dave"], null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<IncidentResponse> ClosedAsync()
    {
        var resolved = await _steps.ResolvedByBobAsync();
        return await (await _steps.Dave.PostJsonAsync($"/api/incidents/{resolved.Id}/confirmation", new ConfirmResolutionRequest(true, null))).ReadAsync<IncidentResponse>();
    }
}
