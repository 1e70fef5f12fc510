using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

public sealed class ApproverTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public ApproverTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-04")]
    [Trait("Requirement", "CFG-04")]
    public async Task NormalMedium_OnAHighCi_NeedsTheChangeManagerAndTheCiOwner()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.VpnGateway) with { ImplementerId = "nina" }, score: 3);

        Assert.Equal(RiskLevel.Medium, change.Risk!.Level);
        Assert.Equal(["charlie", "nina"], change.Approvers.Select(a => a.PersonId));
        Assert.Equal([ApproverBasis.ChangeManager, ApproverBasis.ConfigurationItemOwner], change.Approvers.Select(a => a.Basis));
        Assert.Equal("Charlie Change", change.Approvers[0].Name);
        Assert.Equal(QuorumRule.All, change.Quorum!.Rule);
    }

    [Fact]
    [Trait("Requirement", "CFG-04")]
    public async Task ChangeOnALowCi_TheOwnerIsInformedButNotAnApprover()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.PayrollSla), score: 1);

        var informed = (await _steps.TimelineAsync(change.Id)).Single(e => e.Kind == "ChangeOwnersInformed");

        Assert.Equal(["charlie"], change.Approvers.Select(a => a.PersonId));
        Assert.Equal(["oscar"], informed.Notify);
        Assert.Equal("Low", informed.Data!["riskLevel"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "CFG-04")]
    public async Task ChangeOnAHighCi_TheOwnerMustApproveWhateverTheRisk()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.PayrollDatabase), score: 1);

        var charlieApproves = await (await _steps.DecideAsync(_steps.Charlie, change)).ReadAsync<ChangeResponse>();

        Assert.Contains(change.Approvers, a => a.PersonId == "priya" && a.Basis == ApproverBasis.ConfigurationItemOwner && a.Mandatory);
        Assert.Equal(ChangeState.PendingApproval, charlieApproves.State);
        Assert.Equal(["priya"], charlieApproves.Quorum!.MandatoryPending);
    }

    [Fact]
    [Trait("Requirement", "CHG-04")]
    public async Task Emergency_NeedsTwoOfTheEcabList_OneOfThemChangeOrIncidentManager()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(Emergency(ChangeSteps.CrmApp));
        var afterTwoResolvers = change;
        foreach (var resolver in new[] { "nina", "priya" })
        {
            afterTwoResolvers = await (await _steps.DecideAsync(_steps.As(resolver), change)).ReadAsync<ChangeResponse>();
        }

        var approved = await (await _steps.DecideAsync(_steps.As("carol"), change)).ReadAsync<ChangeResponse>();

        Assert.Equal(["charlie", "carol", "nina", "priya"], change.Approvers.Select(a => a.PersonId));
        Assert.All(change.Approvers, a => Assert.Equal(ApproverBasis.EmergencyAuthority, a.Basis));
        Assert.Equal((QuorumRule.AtLeast, 2), (change.Quorum!.Rule, change.Quorum.Needed));
        Assert.Equal(ChangeState.PendingApproval, afterTwoResolvers.State);
        Assert.Equal(ChangeState.Approved, approved.State);
    }

    [Fact]
    [Trait("Requirement", "CHG-04")]
    public async Task NormalHigh_GoesToTheCab_AMajorityApproves()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp), score: 4);
        await _steps.DecideAsync(_steps.Charlie, change);

        var approved = await (await _steps.DecideAsync(_steps.Bianca, change)).ReadAsync<ChangeResponse>();

        Assert.Equal(["charlie", "oscar", "bianca"], change.Approvers.Select(a => a.PersonId));
        Assert.Equal([ApproverBasis.ChangeManager, ApproverBasis.ServiceOwner, ApproverBasis.BusinessRepresentative], change.Approvers.Select(a => a.Basis));
        Assert.Equal((QuorumRule.Majority, 2), (change.Quorum!.Rule, change.Quorum.Needed));
        Assert.Equal(ChangeState.Approved, approved.State);
    }

    [Fact]
    [Trait("Requirement", "CHG-04")]
    [Trait("Requirement", "CHG-06")]
    public async Task AnyRejection_RejectsTheChange_EvenWithAMajorityApproving()
    {
        _api.NextMonday();
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.CrmApp), score: 4);
        await _steps.DecideAsync(_steps.Charlie, change);

        var rejected = await (await _steps.DecideAsync(_steps.Oscar, change, ApprovalDecision.Reject, "Quarter-end sales push that week.")).ReadAsync<ChangeResponse>();
        var late = await _steps.DecideAsync(_steps.Bianca, change);

        Assert.Equal(ChangeState.Rejected, rejected.State);
        await late.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    [Trait("Requirement", "CHG-07")]
    public async Task OutageInServiceHours_AddsTheCustomerRepresentatives_AndWaitsForTheirConsent()
    {
        var monday = _api.NextMonday();
        var outage = new ChangeWindow(monday.AddDays(1).AddHours(1), monday.AddDays(1).AddHours(1.5));
        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.ExchangeOnline) with
        {
            ImplementerId = "bob", Window = new ChangeWindow(outage.Start.AddMinutes(-30), outage.End.AddMinutes(30)), Outage = outage,
        });
        var everyoneElse = change;
        foreach (var approver in change.Approvers.Where(a => a.PersonId != "dave"))
        {
            everyoneElse = await (await _steps.DecideAsync(_steps.As(approver.PersonId), change)).ReadAsync<ChangeResponse>();
        }

        var consented = await (await _steps.DecideAsync(_steps.Dave, change)).ReadAsync<ChangeResponse>();

        Assert.Equal(11, London(outage.Start).Hour);
        Assert.Contains(change.Approvers, a => a.PersonId == "dave" && a.Basis == ApproverBasis.CustomerRepresentative && a.Mandatory);
        Assert.Contains(change.Approvers, a => a.PersonId == "erin" && a.Basis == ApproverBasis.CustomerRepresentative);
        Assert.Equal(ChangeState.PendingApproval, everyoneElse.State);
        Assert.Equal(["dave"], everyoneElse.Quorum!.MandatoryPending);
        Assert.Equal(ChangeState.Approved, consented.State);
    }

    [Fact]
    [Trait("Requirement", "CHG-07")]
    public async Task OutageOutsideServiceHours_NeedsNoCustomerConsent()
    {
        var monday = _api.NextMonday();
        var outage = new ChangeWindow(monday.AddDays(1).AddHours(11), monday.AddDays(1).AddHours(12));

        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.ExchangeOnline) with
        {
            ImplementerId = "bob", Window = outage, Outage = outage,
        });

        Assert.Equal(21, London(outage.Start).Hour);
        Assert.DoesNotContain(change.Approvers, a => a.Basis == ApproverBasis.CustomerRepresentative);
    }

    [Fact]
    [Trait("Requirement", "CHG-08")]
    public async Task WindowInsideACriticalPeriod_AddsCabApprovers_WhateverTheRisk()
    {
        _api.NextMonday();
        var window = _steps.Window(3, 20, 2);
        await _steps.EditPolicyAsync("change-blackouts", body => body["periods"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "Month-end payroll run", ["kind"] = "CriticalPeriod",
            ["start"] = Client.UtcTimestampConverter.Text(window.Start.AddDays(-1)), ["end"] = Client.UtcTimestampConverter.Text(window.End.AddDays(1)),
            ["serviceIds"] = new JsonArray("svc-payroll"),
        }));

        var change = await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.PayrollSla) with { Window = window }, score: 1);
        var events = await _steps.TimelineAsync(change.Id);

        Assert.Equal(["charlie", "oscar", "bianca"], change.Approvers.Select(a => a.PersonId));
        Assert.Equal(QuorumRule.Majority, change.Quorum!.Rule);
        Assert.True(events.Single(e => e.Kind == "ChangeApprovalRequested").Data!["escalatedForBlackout"]!.GetValue<bool>());
    }

    private static DateTime London(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime;

    private CreateChangeRequest Emergency(string ciId) => new()
    {
        Model = ChangeModel.Emergency,
        Title = "Block the CRM export endpoint being abused",
        CiIds = [ciId],
        ImplementerId = "priya",
        EmergencyJustification = "Customer data is being scraped right now.",
    };
}
