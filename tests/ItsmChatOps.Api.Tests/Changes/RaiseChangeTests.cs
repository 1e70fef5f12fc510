using System.Net;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

public sealed class RaiseChangeTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public RaiseChangeTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    public async Task Submit_WithoutScopeBenefitCiOrBackoutPlan_Is422ListingEach()
    {
        _api.NextMonday();
        var draft = await _steps.RaiseAsync(_steps.Normal() with { Scope = null, BenefitCategory = null, BackoutPlan = null });

        var problem = await (await _steps.Priya.PostJsonAsync($"/api/changes/{draft.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Submitted }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(ChangeState.Draft, draft.State);
        Assert.Subset(problem.ErrorFields().ToHashSet(), new HashSet<string> { "scope", "benefitCategory", "ciIds", "backoutPlan" });
        Assert.Contains("CHG-01", problem.Requirements());
        Assert.Equal(ChangeState.Draft, (await _steps.GetAsync(draft.Id)).State);
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    [Trait("Requirement", "CHG-06")]
    public async Task NewPlanVersionAfterApproval_TheChangeStillShowsTheApprovedVersion_AndGoesBackToAssessment()
    {
        _api.NextMonday();
        var approved = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.CrmApp));

        var edited = await (await _steps.Priya.PatchJsonAsync($"/api/changes/{approved.Id}", new UpdateChangeRequest { BackoutPlan = "Restore last night's backup instead." }))
            .ReadAsync<ChangeResponse>();

        var approvedBackout = Assert.Single(edited.ApprovedPlans, p => p.Kind == PlanKind.Backout);
        var currentBackout = Assert.Single(edited.Plans, p => p.Kind == PlanKind.Backout);
        Assert.Equal(1, approvedBackout.Version);
        Assert.Equal(2, currentBackout.Version);
        Assert.NotEqual(approvedBackout.Hash, currentBackout.Hash);
        Assert.Equal(approved.ApprovedPlansHash, approved.Approvals.Single().PlansHash);
        Assert.Equal(approved.ApprovedPlansHash, edited.ApprovedPlansHash);
        Assert.Equal(ChangeState.Assessed, edited.State);
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    [Trait("Requirement", "CHG-15")]
    public async Task RaiseFromIncident_PrefillsFromIt_AndTheLinkIsSeenFromBothSides()
    {
        var incidents = new IncidentSteps(_api);
        var incident = await incidents.RaiseAsync(Requests.Incident("Payslips show last month's tax code", ChangeSteps.Payroll, category: "Software > Business application")
            with { CiIds = [ChangeSteps.PayrollApp] });

        var draft = await (await _steps.Priya.GetAsync($"/api/changes/draft-from-incident/{incident.Id}")).ReadAsync<CreateChangeRequest>();
        var change = await _steps.RaiseAsync(draft);
        var fromIncident = await (await incidents.Alice.GetAsync($"/api/incidents/{incident.Id}/links")).ReadAsync<IReadOnlyList<LinkView>>();

        Assert.Equal([ChangeSteps.PayrollApp], draft.CiIds);
        Assert.Equal([ChangeSteps.Payroll], draft.ServiceIds);
        Assert.Equal(BenefitCategory.FaultFix, draft.BenefitCategory);
        Assert.Contains(change.Links, l => l.Kind == ChangeLinkKind.FixesIncident && l.TargetId == incident.Id);
        Assert.Contains(fromIncident, l => l.FromId == change.Id && l.Kind == nameof(ChangeLinkKind.FixesIncident) && l.Direction == "incoming");
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    public async Task Raise_ByAnEndUser_Is403()
    {
        var problem = await (await _steps.Dave.PostJsonAsync("/api/changes", _steps.Normal(ChangeSteps.CrmApp))).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("CHG-01", problem.Requirements());
    }

    [Fact]
    [Trait("Requirement", "CHG-02")]
    public async Task StandardTemplate_OnACiOutsideItsScope_Is422()
    {
        _api.NextMonday();
        var change = await _steps.RaiseAsync(Standard("std-ap-firmware", "CI-000003"), _steps.Nina);

        var problem = await (await _steps.Nina.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Submitted }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("ciIds", problem.ErrorFields());
        Assert.Contains("CHG-02", problem.Requirements());
    }

    [Fact]
    [Trait("Requirement", "CHG-02")]
    public async Task StandardChange_FromAValidTemplate_IsScheduledWithNoApprovalStep()
    {
        _api.NextMonday();
        var change = await _steps.RaiseAsync(Standard("std-ap-firmware", ChangeSteps.AccessPoint), _steps.Nina);

        var submitted = await _steps.MoveAsync(_steps.Nina, change.Id, new() { To = ChangeState.Submitted });
        var kinds = (await _steps.TimelineAsync(change.Id)).Select(e => e.Kind).ToList();

        Assert.Equal(ChangeState.Scheduled, submitted.State);
        Assert.Empty(submitted.Approvers);
        Assert.Equal(RiskLevel.Low, submitted.Risk!.Level);
        Assert.Equal(PlanKind.Backout, submitted.Plans.Single(p => p.Text!.Contains("previous image", StringComparison.Ordinal)).Kind);
        Assert.DoesNotContain("ChangeApprovalRequested", kinds);
        Assert.Equal(["ChangeRaised", "ChangeSubmitted", "ChangeScheduled"], kinds);
    }

    [Fact]
    [Trait("Requirement", "CHG-02")]
    public async Task Templates_AreMaintainedByTheChangeManagerOnly()
    {
        var template = new SaveChangeTemplateRequest
        {
            Name = "Certificate renewal on the VPN gateway",
            CiIds = [ChangeSteps.VpnGateway],
            Steps = ["Request the certificate", "Install it", "Check clients connect"],
            ImplementationPlan = "Install the renewed certificate on the gateway.",
            BackoutPlan = "Re-install the previous certificate.",
            TestPlan = "Connect from a test laptop.",
        };

        var byResolver = await _steps.Nina.PutJsonAsync("/api/change-templates/std-vpn-cert", template);
        var byManager = await _steps.Charlie.PutJsonAsync("/api/change-templates/std-vpn-cert", template);

        Assert.Equal(HttpStatusCode.Forbidden, byResolver.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byManager.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CHG-02")]
    public async Task NormalChanges_AreClassedByRiskAndImpact()
    {
        _api.NextMonday();
        var minor = await _steps.AssessedAsync(_steps.Normal(ChangeSteps.CrmApp), 1);
        var significant = await _steps.AssessedAsync(_steps.Normal(ChangeSteps.CrmApp) with { Window = _steps.Window(2, 20, 1) }, 3);
        var majorByReach = await _steps.AssessedAsync(_steps.Normal("CI-000004") with { Window = _steps.Window(3, 20, 1) }, 1,
            new Dictionary<string, string> { ["security"] = "No change to firewall rules." });

        Assert.Equal(ChangeClass.Minor, minor.Class);
        Assert.Equal(ChangeClass.Significant, significant.Class);
        Assert.Equal(ChangeClass.Major, majorByReach.Class);
    }

    private CreateChangeRequest Standard(string templateId, string ciId) => new()
    {
        Model = ChangeModel.Standard,
        TemplateId = templateId,
        Title = "Firmware update on the third-floor access point",
        CiIds = [ciId],
        Window = _steps.Window(2, 7, 1),
        ImplementerId = "nina",
    };
}
