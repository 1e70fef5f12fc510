using System.Net;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

public sealed class ClosureTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public ClosureTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-13")]
    public async Task MajorChange_ClosingWithoutAReview_Is422_TheReviewListsSideEffects_AndRaisesNonconformities()
    {
        var change = await InReviewAsync(ChangeSteps.CrmApp, score: 4, signOffBy: "oscar");
        var noPir = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", Close(ChangeOutcome.Successful))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        _api.Clock.Advance(TimeSpan.FromDays(2));
        var sideEffect = await new IncidentSteps(_api).RaiseAsync(Requests.Incident("CRM search times out", "svc-crm") with { CiIds = [ChangeSteps.CrmApp] });

        var pir = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/pir", new PirRequest
        {
            ObjectivesMet = true, Nonconformities = ["The runbook missed the cache flush"], Improvements = ["Add the cache flush to the implementation plan template"],
        })).ReadAsync<ChangeResponse>();
        var stillWaiting = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", Close(ChangeOutcome.SuccessfulWithIssues))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await _steps.As("erin").PostJsonAsync($"/api/changes/{change.Id}/pir/customer-answer", new PirCustomerAnswerRequest(true, "Fine after the fix."))).ReadAsync<ChangeResponse>();
        var closed = await _steps.MoveAsync(_steps.Charlie, change.Id, Close(ChangeOutcome.SuccessfulWithIssues));
        var events = await _steps.TimelineAsync(change.Id);

        Assert.Equal(ChangeClass.Major, change.Class);
        Assert.Contains("pir", noPir.ErrorFields());
        Assert.Contains("CHG-13", noPir.Requirements());
        Assert.Equal([sideEffect.Id], pir.Pir!.SideEffectIncidentIds);
        Assert.Contains("pir", stillWaiting.ErrorFields());
        Assert.Equal(2, events.Count(e => e.Kind == "NonconformityRaised"));
        Assert.Contains(events, e => e.Kind == "NonconformityRaised" && e.Data!["description"]!.GetValue<string>().Contains(sideEffect.Id, StringComparison.Ordinal));
        Assert.Single(events, e => e.Kind == "ImprovementSuggested");
        Assert.Contains(events, e => e.Kind == "ChangePirCustomerQuestion" && e.Notify.Contains("erin"));
        Assert.Equal((ChangeState.Closed, ChangeOutcome.SuccessfulWithIssues), (closed.State, closed.Outcome));
        Assert.True(closed.Pir!.Complete);
    }

    [Fact]
    [Trait("Requirement", "CHG-13")]
    public async Task Close_WithoutOutcomeOrReviewNote_Is422ListingBoth_AndOnlyTheChangeManagerCloses()
    {
        var change = await InReviewAsync(ChangeSteps.PayrollSla, score: 1, signOffBy: "priya");

        var problem = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Closed }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var byImplementer = await _steps.Priya.PostJsonAsync($"/api/changes/{change.Id}/transitions", Close(ChangeOutcome.Successful));
        var closed = await _steps.MoveAsync(_steps.Charlie, change.Id, Close(ChangeOutcome.Successful));

        Assert.Subset(problem.ErrorFields().ToHashSet(), new HashSet<string> { "outcome", "reviewNote" });
        Assert.Equal(HttpStatusCode.Forbidden, byImplementer.StatusCode);
        Assert.Null(closed.Pir);
        Assert.Equal(ChangeState.Closed, closed.State);
    }

    [Fact]
    [Trait("Requirement", "CHG-14")]
    public async Task Emergency_WithoutTheImplementersJustification_CannotBeSubmitted()
    {
        var change = await _steps.RaiseAsync(Emergency() with { EmergencyJustification = null });

        var problem = await (await _steps.Priya.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Submitted }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("emergencyJustification", problem.ErrorFields());
        Assert.Contains("CHG-14", problem.Requirements());
    }

    [Fact]
    [Trait("Requirement", "CHG-14")]
    public async Task Emergency_ImplementsOnceApproved_MissingFieldsAreRetrospective_OverdueIsFlagged_ClosureNeedsThemAndTheVerdict()
    {
        _api.NextMonday();
        var pending = await _steps.PendingApprovalAsync(Emergency());
        await _steps.DecideAsync(_steps.Charlie, pending);
        await _steps.DecideAsync(_steps.Nina, pending);

        var started = await _steps.MoveAsync(_steps.Priya, pending.Id, new() { To = ChangeState.Implementing });
        await _steps.MoveAsync(_steps.Priya, pending.Id, new() { To = ChangeState.Implemented, Verification = new("Export endpoint returns 403 for everyone.", true) });
        await _steps.MoveAsync(_steps.Charlie, pending.Id, new() { To = ChangeState.Review });
        var early = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{pending.Id}/transitions", Close(ChangeOutcome.Successful) with { GenuineEmergency = true }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        _api.Clock.SetUtcNow(started.Emergency!.Deadline!.Value.AddMinutes(1));
        await _steps.RunTimersAsync();
        var overdue = await (await _steps.Charlie.GetAsync("/api/changes?retrospectiveOverdue=true")).ReadAsync<Client.Page<ChangeSummary>>();
        await FillRetrospectivelyAsync(pending.Id);
        var noVerdict = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{pending.Id}/transitions", Close(ChangeOutcome.Successful))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var closed = await _steps.MoveAsync(_steps.Charlie, pending.Id, Close(ChangeOutcome.Successful) with { GenuineEmergency = true });
        var events = await _steps.TimelineAsync(pending.Id);

        Assert.Equal(ChangeState.Implementing, started.State);
        Assert.Contains("backoutPlan", started.Emergency.RetrospectiveFields);
        Assert.Contains("scope", started.Emergency.RetrospectiveFields);
        Assert.Equal(started.ActualStart!.Value.AddDays(2), started.Emergency.Deadline);
        Assert.Contains("backoutPlan", early.ErrorFields());
        Assert.Contains("CHG-14", early.Requirements());
        Assert.Contains(overdue.Items, c => c.Id == pending.Id && c.RetrospectiveOverdue);
        Assert.Contains(events, e => e.Kind == "EmergencyRetrospectiveReminder");
        Assert.Contains(events, e => e.Kind == "EmergencyReviewOverdue" && e.Notify.Contains("charlie"));
        Assert.Contains("genuineEmergency", noVerdict.ErrorFields());
        Assert.Equal(ChangeState.Closed, closed.State);
        Assert.True(closed.Emergency!.Genuine);
        Assert.Empty(closed.Emergency.RetrospectiveFields);
    }

    [Fact]
    [Trait("Requirement", "CHG-14")]
    public async Task NormalChange_CannotGoFromApprovedStraightToImplementing()
    {
        _api.NextMonday();
        var approved = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.CrmApp));

        var problem = await (await _steps.Priya.PostJsonAsync($"/api/changes/{approved.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Implementing }))
            .ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("CHG-14", problem.Requirements());
    }

    [Fact]
    [Trait("Requirement", "CHG-15")]
    public async Task ClosingSuccessful_WithProblemAndKnownErrorLinks_AnnouncesTheFix_AndIncidentLinksShowOnTheChange()
    {
        var incidents = new IncidentSteps(_api);
        var fixedIncident = await incidents.RaiseAsync(Requests.Incident("Payroll preview shows the wrong tax code", ChangeSteps.Payroll));
        var change = await InReviewAsync(ChangeSteps.PayrollSla, score: 1, signOffBy: "priya",
            request => request with { OriginRefs = [fixedIncident.Id, "PRB-000003", "KE-000003"] });
        var caused = await incidents.RaiseAsync(Requests.Incident("Payroll export fails after the update", ChangeSteps.Payroll, category: "Software > Business application"));
        await incidents.MoveAsync(incidents.Alice, caused.Id, new() { To = IncidentState.Assigned, GroupId = "grp-business-apps" });
        await (await incidents.Alice.PostJsonAsync($"/api/incidents/{caused.Id}/links", new LinkIncidentRequest(IncidentLinkKind.CausedByChange, change.Id)))
            .ReadAsync<IncidentResponse>();

        await _steps.MoveAsync(_steps.Charlie, change.Id, Close(ChangeOutcome.Successful));
        var links = await (await _steps.Charlie.GetAsync($"/api/changes/{change.Id}/links")).ReadAsync<IReadOnlyList<LinkView>>();
        var closedEvent = (await _steps.TimelineAsync(change.Id)).Single(e => e.Kind == "ChangeClosed");
        var badLink = await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/links", new LinkChangeRequest(ChangeLinkKind.Problem, "KE-000003"));

        Assert.Contains(links, l => l.FromId == caused.Id && l.Kind == nameof(IncidentLinkKind.CausedByChange) && l.Direction == "incoming");
        Assert.Contains(links, l => l.ToId == "PRB-000003" && l.Direction == "outgoing");
        Assert.Equal(["PRB-000003"], closedEvent.Data!["problemIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["KE-000003"], closedEvent.Data["knownErrorIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal([fixedIncident.Id], closedEvent.Data["fixedIncidentIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("role:ProblemManager", closedEvent.Notify);
        Assert.Contains("dave", closedEvent.Notify);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badLink.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CHG-15")]
    public async Task RejectedChange_LinkedToAProblem_TellsTheProblemManager()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp) with { OriginRefs = ["PRB-000007"] });

        await _steps.DecideAsync(_steps.Charlie, change, ApprovalDecision.Reject, "Fix the root cause in the vendor's next release instead.");
        var rejected = (await _steps.TimelineAsync(change.Id)).Single(e => e.Kind == "ChangeRejected");

        Assert.Contains("role:ProblemManager", rejected.Notify);
        Assert.Equal(["PRB-000007"], rejected.Data!["problemIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private async Task<ChangeResponse> InReviewAsync(string ciId, int score, string signOffBy, Func<CreateChangeRequest, CreateChangeRequest>? adjust = null)
    {
        _api.NextMonday();
        var scheduled = await _steps.ScheduledAsync((adjust ?? (r => r))(_steps.Normal(ciId)), score);
        _api.Clock.SetUtcNow(scheduled.Window!.Start.AddMinutes(1));
        await _steps.MoveAsync(_steps.Priya, scheduled.Id, new() { To = ChangeState.Implementing });
        await _steps.MoveAsync(_steps.Priya, scheduled.Id, new() { To = ChangeState.Implemented, Verification = new("All checks in the test plan passed.", true) });
        return await _steps.MoveAsync(_steps.As(signOffBy), scheduled.Id, new() { To = ChangeState.Review });
    }

    private async Task FillRetrospectivelyAsync(string id)
    {
        await (await _steps.Priya.PatchJsonAsync($"/api/changes/{id}", new UpdateChangeRequest
        {
            Description = "Blocked the CRM export endpoint at the gateway while the vendor patches it.",
            Scope = new ChangeScope("CRM export endpoint", "Other CRM features"),
            BenefitCategory = BenefitCategory.Security,
            Justification = "Stop the ongoing data scraping.",
            ImplementationPlan = "Add a deny rule for /api/export on the gateway.",
            BackoutPlan = "Remove the deny rule.",
            TestPlan = "Call the export endpoint from outside: 403.",
        })).ReadAsync<ChangeResponse>();
        await _steps.AssessAsync(id, 3);
    }

    private static TransitionChangeRequest Close(ChangeOutcome outcome) =>
        new() { To = ChangeState.Closed, Outcome = outcome, ReviewNote = "Went to plan; communications were on time." };

    private static CreateChangeRequest Emergency() => new()
    {
        Model = ChangeModel.Emergency,
        Title = "Block the CRM export endpoint being abused",
        CiIds = [ChangeSteps.CrmApp],
        ImplementerId = "priya",
        EmergencyJustification = "Customer data is being scraped right now.",
    };
}
