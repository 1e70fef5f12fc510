using System.Net;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

public sealed class ApprovalTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public ApprovalTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task ApprovalRequest_ReachesEveryApprover_TheChangeManagerWhoSentItToo_AndEachDecisionTellsThemAll()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.VpnGateway) with { ImplementerId = "nina" }, score: 3);
        await (await _steps.DecideAsync(_steps.Charlie, change)).ReadAsync<ChangeResponse>();
        await (await _steps.DecideAsync(_steps.Nina, change)).ReadAsync<ChangeResponse>();

        var timeline = await _steps.TimelineAsync(change.Id);

        Assert.Equal(["charlie", "nina"], timeline.Single(e => e.Kind == "ChangeApprovalRequested").Notify.Order());
        Assert.All(timeline.Where(e => e.Kind == "ChangeDecisionRecorded"), e => Assert.Equal(["charlie", "nina", "priya"], e.Notify.Order()));
        Assert.Equal(["charlie", "nina", "priya"], timeline.Single(e => e.Kind == "ChangeApproved").Notify.Distinct().Order());
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task NonApprover_Approves_Is403_WithTheReason_AndNothingChanges()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));

        var staff = await (await _steps.DecideAsync(_steps.Alice, change)).ProblemAsync(HttpStatusCode.Forbidden);
        var forwarded = await (await _steps.DecideAsync(_steps.Dave, change)).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("not an approver", staff.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("CHG-05", forwarded.Requirements());
        var after = await _steps.GetAsync(change.Id);
        Assert.Empty(after.Approvals);
        Assert.Equal(change.ApprovalTag, after.ApprovalTag);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task SecondVote_Is409_ButTheSameRequestReplayedIsAnsweredOnce()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.PayrollDatabase));
        var request = new ApprovalRequest { Decision = ApprovalDecision.Approve, ETag = change.ApprovalTag };
        var first = await Send(_steps.Charlie, change.Id, request, "card-7f3a");

        var replay = await Send(_steps.Charlie, change.Id, request, "card-7f3a");
        var second = await Send(_steps.Charlie, change.Id, request with { Decision = ApprovalDecision.Reject, Reason = "Changed my mind" }, "card-other");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single((await replay.ReadAsync<ChangeResponse>()).Approvals);
        Assert.Contains("CHG-05", (await second.ProblemAsync(HttpStatusCode.Conflict)).Requirements());
        Assert.Equal(ApprovalDecision.Approve, Assert.Single((await _steps.GetAsync(change.Id)).Approvals).Decision);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task StaleCard_AfterAMaterialEdit_Is412_WithTheCurrentChangeToRefreshTheCard()
    {
        _api.NextMonday();
        var sent = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));
        await _steps.Priya.PatchJsonAsync($"/api/changes/{sent.Id}", new UpdateChangeRequest { Scope = new ChangeScope("CRM and its mail connector", "Client laptops") });
        var resent = await _steps.MoveAsync(_steps.Charlie, sent.Id, new() { To = ChangeState.PendingApproval });

        var problem = await (await _steps.DecideAsync(_steps.Charlie, sent)).ProblemAsync(HttpStatusCode.PreconditionFailed);
        var onCurrentCard = await _steps.DecideAsync(_steps.Charlie, resent);

        Assert.NotEqual(sent.ApprovalTag, resent.ApprovalTag);
        Assert.Equal(resent.ApprovalTag, problem.GetProperty("approvalTag").GetString());
        Assert.Equal(resent.ApprovalTag, problem.GetProperty("current").GetProperty("approvalTag").GetString());
        Assert.Equal("CRM and its mail connector", problem.GetProperty("current").GetProperty("scope").GetProperty("in").GetString());
        Assert.Equal(HttpStatusCode.OK, onCurrentCard.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task Reject_WithoutAReason_Is422()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));

        var problem = await (await _steps.DecideAsync(_steps.Charlie, change, ApprovalDecision.Reject)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("reason", problem.ErrorFields());
        Assert.Equal(ChangeState.PendingApproval, (await _steps.GetAsync(change.Id)).State);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task Deputy_WithinTheDelegationDates_IsCountedOnBehalfOfTheApprover_OutsideThemNot()
    {
        var monday = _api.NextMonday();
        var delegated = await _steps.Charlie.PostJsonAsync("/api/approval-delegations", new DelegationRequest("carol", monday.AddHours(-1), monday.AddDays(2)));
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));
        var request = await _steps.TimelineAsync(change.Id);

        var approved = await (await _steps.DecideAsync(_steps.As("carol"), change)).ReadAsync<ChangeResponse>();
        _api.Clock.Advance(TimeSpan.FromDays(3));
        var later = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp) with { Window = _steps.Window(5, 20, 1) });
        var expired = await _steps.DecideAsync(_steps.As("carol"), later);

        Assert.Equal(HttpStatusCode.Created, delegated.StatusCode);
        Assert.Contains("carol", request.Single(e => e.Kind == "ChangeApprovalRequested").Notify);
        var approval = Assert.Single(approved.Approvals);
        Assert.Equal(("carol", "charlie"), (approval.ApproverId, approval.OnBehalfOfId));
        Assert.Equal(ChangeState.Approved, approved.State);
        await expired.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task RequestInfo_NeedsAQuestion_KeepsTheChangePending_AndPingsTheOriginator()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));

        var noQuestion = await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/approvals",
            new ApprovalRequest { Decision = ApprovalDecision.RequestInfo, ETag = change.ApprovalTag });
        var asked = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/approvals",
            new ApprovalRequest { Decision = ApprovalDecision.RequestInfo, Question = "Has the update been tested with the mail connector?", ETag = change.ApprovalTag }))
            .ReadAsync<ChangeResponse>();
        var ping = (await _steps.TimelineAsync(change.Id)).Single(e => e.Kind == "ChangeInfoRequested");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noQuestion.StatusCode);
        Assert.Equal(ChangeState.PendingApproval, asked.State);
        Assert.Single(asked.InfoRequests);
        Assert.Equal(["priya"], ping.Notify);
        Assert.Equal(HttpStatusCode.OK, (await _steps.DecideAsync(_steps.Charlie, asked)).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task AnswerInfoRequest_ByTheOriginatorOnce_IsRecordedAndTellsTheApprovers_OthersAre403_ASecondAnswer409()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));
        await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/approvals",
            new ApprovalRequest { Decision = ApprovalDecision.RequestInfo, Question = "Is the mail connector tested?", ETag = change.ApprovalTag })).ReadAsync<ChangeResponse>();
        var path = $"/api/changes/{change.Id}/info-requests/0/answer";

        var notOriginator = await _steps.Charlie.PostJsonAsync(path, new InfoAnswerRequest("Yes."));
        var empty = await _steps.Priya.PostJsonAsync(path, new InfoAnswerRequest(""));
        var answered = await (await _steps.Priya.PostJsonAsync(path, new InfoAnswerRequest("Yes, in the test tenant last week."))).ReadAsync<ChangeResponse>();
        var again = await _steps.Priya.PostJsonAsync(path, new InfoAnswerRequest("Again."));
        var unknown = await _steps.Priya.PostJsonAsync($"/api/changes/{change.Id}/info-requests/7/answer", new InfoAnswerRequest("Yes."));
        var told = (await _steps.TimelineAsync(change.Id)).Single(e => e.Kind == "ChangeInfoAnswered");

        Assert.Equal(HttpStatusCode.Forbidden, notOriginator.StatusCode);
        Assert.Contains("answer", (await empty.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(("Yes, in the test tenant last week.", "priya"), (answered.InfoRequests[0].Answer, answered.InfoRequests[0].AnsweredById));
        Assert.Equal(ChangeState.PendingApproval, answered.State);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("charlie", told.Notify);
    }

    [Fact]
    [Trait("Requirement", "CHG-06")]
    public async Task EditTheCiListAfterApproval_ReturnsToAssessed_VoidsTheApprovals_AndTellsTheApprovers()
    {
        _api.NextMonday();
        var approved = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.CrmApp));

        var edited = await (await _steps.Priya.PatchJsonAsync($"/api/changes/{approved.Id}", new UpdateChangeRequest { CiIds = [ChangeSteps.CrmApp, ChangeSteps.SmtpRelay] }))
            .ReadAsync<ChangeResponse>();
        var voided = (await _steps.TimelineAsync(approved.Id)).Single(e => e.Kind == "ChangeReturnedToAssessment");

        Assert.Equal(ChangeState.Assessed, edited.State);
        Assert.Empty(edited.Approvals);
        Assert.Single(edited.VoidedApprovals);
        Assert.Contains("charlie", voided.Notify);
    }

    [Fact]
    [Trait("Requirement", "CHG-06")]
    public async Task NonMaterialEditAfterApproval_KeepsTheApprovals()
    {
        _api.NextMonday();
        var approved = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.CrmApp));

        var edited = await (await _steps.Priya.PatchJsonAsync($"/api/changes/{approved.Id}", new UpdateChangeRequest { Description = "Also clears the CRM cache afterwards." }))
            .ReadAsync<ChangeResponse>();

        Assert.Equal(ChangeState.Approved, edited.State);
        Assert.Single(edited.Approvals);
        Assert.Equal(approved.ApprovalTag, edited.ApprovalTag);
    }

    [Fact]
    [Trait("Requirement", "CHG-06")]
    public async Task FifteenDaysAfterTheWindowWithNoStart_TheApprovalLapses()
    {
        _api.NextMonday();
        var approved = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.CrmApp));

        _api.Clock.SetUtcNow(approved.ApprovedWindow!.End.AddDays(13));
        await _steps.RunTimersAsync();
        var stillApproved = await _steps.GetAsync(approved.Id);
        _api.Clock.SetUtcNow(approved.ApprovedWindow.End.AddDays(15));
        await _steps.RunTimersAsync();
        var lapsed = await _steps.GetAsync(approved.Id);

        Assert.Equal(ChangeState.Approved, stillApproved.State);
        Assert.Equal(ChangeState.Assessed, lapsed.State);
        Assert.Empty(lapsed.Approvals);
        Assert.Contains(await _steps.TimelineAsync(approved.Id), e => e.Kind == "ChangeApprovalLapsed" && e.Notify.Contains("charlie"));
    }

    [Fact]
    [Trait("Requirement", "CHG-06")]
    public async Task RejectedChange_IsFinal_AndCanBeClonedIntoANewRevision()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));
        await _steps.DecideAsync(_steps.Charlie, change, ApprovalDecision.Reject, "Not during the sales conference.");

        var resubmit = await _steps.Priya.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Submitted });
        var clone = await (await _steps.Priya.PostAsync($"/api/changes/{change.Id}/clone", null)).ReadAsync<ChangeResponse>(HttpStatusCode.Created);

        await resubmit.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ChangeState.Draft, clone.State);
        Assert.Contains(clone.Links, l => l.Kind == ChangeLinkKind.RevisionOf && l.TargetId == change.Id);
        Assert.Equal(change.CiIds, clone.CiIds);
    }

    [Fact]
    [Trait("Requirement", "CHG-06")]
    public async Task ApprovedByAPerson_ThroughTheTransitionTable_Is403()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp));

        var problem = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Approved }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var skip = await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Implementing });

        Assert.Contains("CHG-06", problem.Requirements());
        await skip.ProblemAsync(HttpStatusCode.Conflict);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string id, ApprovalRequest request, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/api/changes/{id}/approvals")
        {
            Content = System.Net.Http.Json.JsonContent.Create(request, options: Client.ItsmJson.Options),
        };
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(message);
    }
}
