using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

public sealed class AssessmentTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public AssessmentTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    public async Task CompleteTheAssessment_WithNoRiskScore_Is422()
    {
        _api.NextMonday();
        var change = await _steps.RaiseAsync(_steps.Normal(ChangeSteps.CrmApp));
        await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Submitted });

        var problem = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Assessed }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var approvalBeforeAssessment = await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.PendingApproval });

        Assert.Contains("CHG-03", problem.Requirements());
        Assert.Contains("risk", problem.ErrorFields());
        Assert.Equal(HttpStatusCode.Conflict, approvalBeforeAssessment.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    public async Task ChangeOnACiInThePayrollChain_ImpactListsPayrollAndItsCustomers()
    {
        _api.NextMonday();
        var assessed = await _steps.AssessedAsync(_steps.Normal(ChangeSteps.PaySql), 1);

        var impact = assessed.Impact!;
        Assert.Equal([ChangeSteps.PayrollDatabase, ChangeSteps.PayrollApp], impact.Cis.Select(c => c.Id));
        Assert.Equal([ChangeSteps.Payroll], impact.Services.Select(s => s.Id));
        Assert.Equal(["cust-contoso-finance"], impact.Customers.Select(c => c.Id));
        var agreement = Assert.Single(impact.Agreements);
        Assert.Equal((ChangeSteps.Payroll, "cust-contoso-finance", "office-hours"), (agreement.ServiceId, agreement.CustomerId, agreement.CalendarId));
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    public async Task RiskScore_IsHighestLikelihoodTimesHighestImpact_WithTheDefaultBands()
    {
        _api.NextMonday();
        var change = await _steps.RaiseAsync(_steps.Normal(ChangeSteps.CrmApp));
        await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Submitted });

        async Task<RiskView> ScoreAsync(int history, int complexity, int testing, int reach, int backout) =>
            (await (await _steps.Charlie.PutJsonAsync($"/api/changes/{change.Id}/assessment", new AssessChangeRequest
            {
                RiskAnswers = new Dictionary<string, int> { ["history"] = history, ["complexity"] = complexity, ["testing"] = testing, ["reach"] = reach, ["backout"] = backout },
            })).ReadAsync<ChangeResponse>()).Risk!;

        var low = await ScoreAsync(1, 2, 1, 3, 2);
        var medium = await ScoreAsync(2, 1, 1, 1, 4);
        var high = await ScoreAsync(5, 1, 1, 3, 1);

        Assert.Equal((2, 3, 6, RiskLevel.Low), (low.Likelihood, low.Impact, low.Score, low.Level));
        Assert.Equal((8, RiskLevel.Medium), (medium.Score, medium.Level));
        Assert.Equal((15, RiskLevel.High), (high.Score, high.Level));
        Assert.Contains("How often has this kind of change caused trouble before: Almost always", high.Why, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    public async Task Assessment_WithAMissingOrOutOfRangeAnswer_Is422_AndOnlyTheChangeManagerAssesses()
    {
        _api.NextMonday();
        var change = await _steps.RaiseAsync(_steps.Normal(ChangeSteps.CrmApp));
        await _steps.MoveAsync(_steps.Priya, change.Id, new() { To = ChangeState.Submitted });

        var invalid = await (await _steps.Charlie.PutJsonAsync($"/api/changes/{change.Id}/assessment",
            new AssessChangeRequest { RiskAnswers = new Dictionary<string, int> { ["history"] = 7 } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var byImplementer = await _steps.Priya.PutJsonAsync($"/api/changes/{change.Id}/assessment",
            new AssessChangeRequest { RiskAnswers = new Dictionary<string, int> { ["history"] = 1, ["complexity"] = 1, ["testing"] = 1, ["reach"] = 1, ["backout"] = 1 } });

        Assert.Contains("riskAnswers.history", invalid.ErrorFields());
        Assert.Contains("riskAnswers.backout", invalid.ErrorFields());
        Assert.Equal(HttpStatusCode.Forbidden, byImplementer.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    [Trait("Requirement", "CHG-08")]
    public async Task Assessment_ShowsOverlappingChangesOnDependentCis_AndBlackoutPeriods()
    {
        _api.NextMonday();
        var window = _steps.Window(2, 19, 3);
        await _steps.EditPolicyAsync("change-blackouts", body => body["periods"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "Payroll run", ["kind"] = "CriticalPeriod",
            ["start"] = Client.UtcTimestampConverter.Text(window.Start.AddHours(-1)), ["end"] = Client.UtcTimestampConverter.Text(window.End),
            ["serviceIds"] = new JsonArray("svc-payroll"),
        }));
        var onDatabase = await _steps.AssessedAsync(_steps.Normal(ChangeSteps.PayrollDatabase) with { Window = window }, 1);

        var onServer = await _steps.AssessedAsync(_steps.Normal(ChangeSteps.PaySql) with { Window = window }, 1);

        var conflict = Assert.Single(onServer.Conflicts);
        Assert.Equal(onDatabase.Id, conflict.ChangeId);
        Assert.Contains(ChangeSteps.PayrollDatabase, conflict.SharedIds);
        Assert.Contains(onServer.Blackouts, b => b.Name == "Payroll run" && b.Kind == BlackoutKind.CriticalPeriod);
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    public async Task ChangeReachingTheFirewall_NeedsASecurityAssessment()
    {
        _api.NextMonday();
        var change = await _steps.RaiseAsync(_steps.Normal("CI-000005") with { ImplementerId = "nina" }, _steps.Nina);
        await _steps.MoveAsync(_steps.Nina, change.Id, new() { To = ChangeState.Submitted });
        await _steps.AssessAsync(change.Id, 1);

        var missing = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Assessed }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await _steps.AssessAsync(change.Id, 1, new Dictionary<string, string> { ["security"] = "Rule order unchanged; reviewed by the security team." });
        var assessed = await _steps.MoveAsync(_steps.Charlie, change.Id, new() { To = ChangeState.Assessed });

        Assert.Contains("assessments.security", missing.ErrorFields());
        Assert.Equal(["security"], assessed.RequiredAssessments);
    }
}
