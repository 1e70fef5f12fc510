using System.Net;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

public sealed class ImplementationTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public ImplementationTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-10")]
    [Trait("Requirement", "CFG-06")]
    public async Task Start_ByAnotherUser_Is403_AnHourEarly_Is409_InTheWindow_ImplementingAndTheCisUnderChange()
    {
        _api.NextMonday();
        var scheduled = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.PayrollApp));
        _api.Clock.SetUtcNow(scheduled.Window!.Start.AddHours(-1));

        var byOther = await (await _steps.Nina.PostJsonAsync($"/api/changes/{scheduled.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Implementing }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var early = await (await _steps.Priya.PostJsonAsync($"/api/changes/{scheduled.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Implementing }))
            .ProblemAsync(HttpStatusCode.Conflict);
        _api.Clock.SetUtcNow(scheduled.Window.Start.AddMinutes(5));
        var started = await _steps.MoveAsync(_steps.Priya, scheduled.Id, new() { To = ChangeState.Implementing });
        var ci = await (await _steps.Cora.GetAsync($"/api/cis/{ChangeSteps.PayrollApp}")).ReadAsync<CiResponse>();

        Assert.Contains("CHG-10", byOther.Requirements());
        Assert.Contains("CHG-10", early.Requirements());
        Assert.Equal(ChangeState.Implementing, started.State);
        Assert.Equal(scheduled.Window.Start.AddMinutes(5), started.ActualStart);
        Assert.Equal(CiState.UnderChange, ci.State);
        Assert.Equal([scheduled.Id], ci.UnderChangeBy);
    }

    [Fact]
    [Trait("Requirement", "CHG-10")]
    public async Task StartEarly_WithTheChangeManagersOverride_IsAllowedAndRecorded()
    {
        _api.NextMonday();
        var scheduled = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.CrmApp));
        _api.Clock.SetUtcNow(scheduled.Window!.Start.AddHours(-1));

        var byImplementer = await _steps.Priya.PostJsonAsync($"/api/changes/{scheduled.Id}/window-override", new WindowOverrideRequest("Start early, the vendor call moved."));
        await (await _steps.Charlie.PostJsonAsync($"/api/changes/{scheduled.Id}/window-override", new WindowOverrideRequest("Vendor engineer only available earlier.")))
            .ReadAsync<ChangeResponse>();
        var started = await _steps.MoveAsync(_steps.Priya, scheduled.Id, new() { To = ChangeState.Implementing });

        Assert.Equal(HttpStatusCode.Forbidden, byImplementer.StatusCode);
        Assert.Equal(ChangeState.Implementing, started.State);
        Assert.Equal("Vendor engineer only available earlier.", started.WindowOverride!.Reason);
    }

    [Fact]
    [Trait("Requirement", "CHG-11")]
    [Trait("Requirement", "CFG-05")]
    [Trait("Requirement", "CFG-06")]
    public async Task Implemented_NeedsVerification_ShowsPlannedAgainstActual_CisLiveAgain_AndAVerifierOtherThanTheImplementerSignsOff()
    {
        var change = await ImplementingAsync(ChangeSteps.PayrollDatabase, score: 3);
        await (await _steps.Priya.PatchJsonAsync($"/api/cis/{ChangeSteps.PayrollDatabase}", new UpdateCiRequest
        {
            Attributes = new() { ["engineVersion"] = "2022 CU14" }, ChangeId = change.Id,
        })).ReadAsync<CiResponse>();

        var unverified = await (await _steps.Priya.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Implemented }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Implemented, Verification = new("Smoke test report green; payroll preview matches.", true) });
        var ownSignOff = await (await _steps.Priya.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Review }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var review = await _steps.MoveAsync(_steps.Oscar, change.Id, new() { To = ChangeState.Review, SignOffNote = "Payslips preview correctly." });
        var detail = await _steps.GetAsync(change.Id);
        var ci = await (await _steps.Cora.GetAsync($"/api/cis/{ChangeSteps.PayrollDatabase}")).ReadAsync<CiResponse>();

        Assert.Contains("verification", unverified.ErrorFields());
        Assert.Contains("CHG-11", ownSignOff.Requirements());
        Assert.Equal(ChangeState.Review, review.State);
        Assert.Equal("oscar", review.SignOff!.ById);
        var planned = Assert.Single(detail.Verification!.CiUpdates);
        Assert.True(planned.Updated);
        Assert.Contains("attributes.engineVersion", planned.Fields);
        Assert.Equal(CiState.Live, ci.State);
        Assert.Equal(change.Id, ci.AuthorizedBy);
    }

    [Fact]
    [Trait("Requirement", "CHG-11")]
    public async Task LowRiskChange_TheImplementerMaySignOff()
    {
        var change = await ImplementingAsync(ChangeSteps.CrmApp, score: 1);
        await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Implemented, Verification = new("CRM opens; search works.", true) });

        var review = await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Review });

        Assert.Equal(ChangeState.Review, review.State);
    }

    [Fact]
    [Trait("Requirement", "CHG-12")]
    [Trait("Requirement", "CFG-06")]
    public async Task BackedOut_NeedsTheBackoutLog_TellsTheProblemManager_AndReturnsTheCisToLive()
    {
        var change = await ImplementingAsync(ChangeSteps.PayrollApp, score: 1);

        var noLog = await (await _steps.Priya.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.BackedOut }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var backedOut = await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.BackedOut, BackoutLog = "Update failed its checksum; uninstalled, services restarted." });
        var told = (await _steps.TimelineAsync(change.Id)).Single(e => e.Kind == "ChangeBackedOut").Notify;
        var ci = await (await _steps.Cora.GetAsync($"/api/cis/{ChangeSteps.PayrollApp}")).ReadAsync<CiResponse>();

        Assert.Contains("backoutLog", noLog.ErrorFields());
        Assert.Equal(ChangeState.BackedOut, backedOut.State);
        Assert.Contains("role:ProblemManager", told);
        Assert.Equal(CiState.Live, ci.State);
    }

    [Fact]
    [Trait("Requirement", "CHG-12")]
    public async Task OutcomeFailed_WithNeitherBackoutLogNorRemediationLink_Is422_WithARemediationChange_Closes()
    {
        var change = await ImplementingAsync(ChangeSteps.CrmApp, score: 1);
        await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Implemented, Verification = new("Search is slower than before.", false) });
        await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Review });
        var close = new TransitionChangeRequest { To = ChangeState.Closed, Outcome = ChangeOutcome.Failed, ReviewNote = "Index rebuild needed; fixed forward." };

        var refused = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", close)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var remediation = await _steps.RaiseAsync(_steps.Normal(ChangeSteps.CrmApp) with { Title = "Rebuild the CRM search index" });
        await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/links", new LinkChangeRequest(ChangeLinkKind.RemediatedBy, remediation.Id));
        await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/pir", new PirRequest { ObjectivesMet = false, Note = "Performance regression." }))
            .ReadAsync<ChangeResponse>();
        var notTheirs = await _steps.Dave.PostJsonAsync($"/api/changes/{change.Id}/pir/customer-answer", new PirCustomerAnswerRequest(true, null));
        await (await _steps.As("erin").PostJsonAsync($"/api/changes/{change.Id}/pir/customer-answer", new PirCustomerAnswerRequest(false, "Slow."))).ReadAsync<ChangeResponse>();
        var closed = await _steps.MoveAsync(_steps.Charlie, change.Id, close);

        Assert.Contains("CHG-12", refused.Requirements());
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal((ChangeState.Closed, ChangeOutcome.Failed), (closed.State, closed.Outcome));
        Assert.False(closed.Pir!.CustomersSatisfied);
    }

    [Fact]
    [Trait("Requirement", "CFG-05")]
    public async Task LiveCiVersion_WithNoChange_Is409_WithAnApprovedChange_Is409_WithTheImplementingChange_IsStoredWithIt()
    {
        _api.NextMonday();
        var approved = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.SmtpRelay) with { ImplementerId = "bob" });
        var update = new UpdateCiRequest { Version = "24.04.2" };

        var noChange = await (await _steps.Cora.PatchJsonAsync($"/api/cis/{ChangeSteps.SmtpRelay}", update)).ProblemAsync(HttpStatusCode.Conflict);
        var notYet = await (await _steps.Cora.PatchJsonAsync($"/api/cis/{ChangeSteps.SmtpRelay}", update with { ChangeId = approved.Id })).ProblemAsync(HttpStatusCode.Conflict);
        await _steps.MoveAsync(_steps.Charlie, approved.Id, new() { To = ChangeState.Scheduled });
        _api.Clock.SetUtcNow(approved.Window!.Start.AddMinutes(1));
        await _steps.MoveAsync(_steps.Bob, approved.Id, new() { To = ChangeState.Implementing });
        var otherCi = await (await _steps.Cora.PatchJsonAsync($"/api/cis/{ChangeSteps.CrmApp}", new UpdateCiRequest { Version = "9.3", ChangeId = approved.Id }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var updated = await (await _steps.Bob.PatchJsonAsync($"/api/cis/{ChangeSteps.SmtpRelay}", update with { ChangeId = approved.Id })).ReadAsync<CiResponse>();
        var history = await (await _steps.Cora.GetAsync($"/api/cis/{ChangeSteps.SmtpRelay}/history")).ReadAsync<IReadOnlyList<CiVersionResponse>>();

        Assert.All([noChange, notYet, otherCi], p => Assert.Contains("CFG-05", p.Requirements()));
        Assert.Equal("24.04.2", updated.Version);
        var version = history.Single(v => v.Kind == "CiUpdated");
        Assert.Equal(approved.Id, version.AuthorizedBy);
        Assert.Equal(["version"], version.ChangedFields);
    }

    [Fact]
    [Trait("Requirement", "CFG-05")]
    public async Task UncontrolledFields_TheOwnerEditsFreely_OthersCannot()
    {
        var notes = await (await _steps.Bob.PatchJsonAsync($"/api/cis/{ChangeSteps.ExchangeOnline}", new UpdateCiRequest { Notes = "Tenant admin contact: m365-admins@contoso.test" }))
            .ReadAsync<CiResponse>();
        var byStranger = await _steps.Nina.PatchJsonAsync($"/api/cis/{ChangeSteps.ExchangeOnline}", new UpdateCiRequest { Notes = "mine now" });

        Assert.Equal("Tenant admin contact: m365-admins@contoso.test", notes.Notes);
        Assert.Equal(CiState.Live, notes.State);
        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-06")]
    public async Task WithdrawnUnderAChange_Disposed_ThenLive_Is409()
    {
        var change = await ImplementingAsync("CI-000016", score: 1, implementer: "oscar");
        var live = await _steps.Cora.PostJsonAsync($"/api/cis/CI-000016/transitions", new TransitionCiRequest { To = CiState.UnderChange });

        await (await _steps.Cora.PostJsonAsync("/api/cis/CI-000016/transitions", new TransitionCiRequest { To = CiState.Withdrawn, ChangeId = change.Id }))
            .ReadAsync<CiResponse>();
        var noRecord = await _steps.Cora.PostJsonAsync("/api/cis/CI-000016/transitions", new TransitionCiRequest { To = CiState.Disposed });
        var disposed = await (await _steps.Cora.PostJsonAsync("/api/cis/CI-000016/transitions",
            new TransitionCiRequest { To = CiState.Disposed, Disposal = new(new DateOnly(2026, 3, 31), "Licence keys revoked at the vendor", true) })).ReadAsync<CiResponse>();
        var back = await (await _steps.Cora.PostJsonAsync("/api/cis/CI-000016/transitions", new TransitionCiRequest { To = CiState.Live, ChangeId = change.Id }))
            .ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.Conflict, live.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noRecord.StatusCode);
        Assert.Equal(CiState.Disposed, disposed.State);
        Assert.Contains("CFG-06", back.Requirements());
    }

    private async Task<ChangeResponse> ImplementingAsync(string ciId, int score, string implementer = "priya")
    {
        _api.NextMonday();
        var scheduled = await _steps.ScheduledAsync(_steps.Normal(ciId) with { ImplementerId = implementer }, score);
        _api.Clock.SetUtcNow(scheduled.Window!.Start.AddMinutes(1));
        return await _steps.MoveAsync(_steps.As(implementer), scheduled.Id, new() { To = ChangeState.Implementing });
    }
}
