using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>The approval card in each of its views, the change status card and the forward schedule.</summary>
[Collection(NodeCollection.Name)]
public sealed class ChangeCardTests(NodeOracle node)
{
    private static readonly ChangeApprovalCard Approval = (ChangeApprovalCard)SampleCards.Model("change-approval");
    private static readonly ChangeStatusCard Status = (ChangeStatusCard)SampleCards.Model("change-status");
    private static readonly ForwardScheduleCard Schedule = (ForwardScheduleCard)SampleCards.Model("change-schedule");

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public void RenderApproval_PendingApprover_ApprovesOrRejectsWithAReason_CarryingTheApprovalTag()
    {
        var card = CardCheck.Render(node, Approval);

        var approve = CardCheck.Button(card, CardVerbs.ChangeApprove);
        var reject = CardCheck.Button(card, CardVerbs.ChangeReject);
        Assert.All([approve, reject], b =>
        {
            Assert.Equal(Approval.Change.Id, b["data"]!["changeId"]!.GetValue<string>());
            Assert.Equal(Approval.Change.ApprovalTag, b["data"]!["etag"]!.GetValue<string>());
        });
        var inputs = CardCheck.Inputs(card);
        Assert.Equal(["reason", "question"], inputs.Select(i => i["id"]!.GetValue<string>()));
        Assert.All(inputs, i => Assert.True(i["isRequired"]!.GetValue<bool>()));
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public void RenderApproval_Always_RefreshesForThePendingApproversOnly()
    {
        var pending = new[] { "29:dana", "29:erin" };

        var card = CardCheck.Render(node, Approval with { ViewerCanDecide = false, RefreshUserIds = pending });

        Assert.Equal(CardVerbs.ChangeRefresh, card["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal(Approval.Change.Id, card["refresh"]!["action"]!["data"]!["changeId"]!.GetValue<string>());
        Assert.Equal(pending, card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public void RenderApproval_ReadOnlyView_ShowsWhatIsAwaitedWithoutButtons()
    {
        var card = CardCheck.Render(node, Approval with { ViewerCanDecide = false });

        Assert.Contains("Waiting for approval from Charlie Davis and Dana Okafor.", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Empty(CardCheck.Buttons(card));
        Assert.Empty(CardCheck.Inputs(card));
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    [Trait("Requirement", "CHG-05")]
    public void RenderApproval_ShowsRiskAndWhy_AffectedCisAndServices_ConflictsBlackoutsAndBackout()
    {
        var text = CardCheck.Text(CardCheck.Render(node, Approval));

        Assert.Contains("Medium (score 12)", text, StringComparison.Ordinal);
        Assert.Contains("Why this risk: Likelihood 3", text, StringComparison.Ordinal);
        Assert.Contains("db-payroll-01 (Database), srv-payroll-db (Server)", text, StringComparison.Ordinal);
        Assert.Contains("Payroll", text, StringComparison.Ordinal);
        Assert.Contains("CHG-000099 Patch the payroll server's operating system", text, StringComparison.Ordinal);
        Assert.Contains("Blackout periods: Month-end payroll run", text, StringComparison.Ordinal);
        Assert.Contains(Approval.BackoutSummary, text, StringComparison.Ordinal);
        Assert.Contains(Approval.Quorum, text, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderApproval_NoConflicts_HasNoConflictSection()
    {
        var card = CardCheck.Render(node, Approval with { Conflicts = [], Blackouts = [] });

        Assert.DoesNotContain("Conflicts", CardCheck.Text(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Approved")]
    [InlineData("Rejected")]
    [Trait("Requirement", "CHG-06")]
    public void RenderApproval_Decided_ShowsTheOutcomeAndEachVoteToEveryone(string outcome)
    {
        var votes = new[]
        {
            new ApproverLine("Charlie Davis", "ChangeManager", "Approved", true, null),
            new ApproverLine("Dana Okafor", "ConfigurationItemOwner", outcome, true, outcome == "Rejected" ? "No tested backout" : null),
        };

        var card = CardCheck.Render(node, Approval with { ViewerCanDecide = false, Outcome = outcome, Approvers = votes, RefreshUserIds = [] });

        var text = CardCheck.Text(card);
        Assert.Contains(outcome, text, StringComparison.Ordinal);
        Assert.Equal(outcome == "Rejected", text.Contains("\"No tested backout\"", StringComparison.Ordinal));
        Assert.Empty(CardCheck.Buttons(card));
        Assert.Empty(card["refresh"]!["userIds"]!.AsArray());
    }

    [Fact]
    [Trait("Requirement", "CHG-09")]
    public void RenderStatus_ShowsTheStateAndWhatIsAwaitedFromWhom_WithAWayToRefresh()
    {
        var card = CardCheck.Render(node, Status);

        var text = CardCheck.Text(card);
        Assert.Contains("Scheduled", text, StringComparison.Ordinal);
        Assert.Contains("Waiting for Priya Shah to start the implementation", text, StringComparison.Ordinal);
        Assert.Contains("1 overlapping change(s)", text, StringComparison.Ordinal);
        Assert.Equal(Status.Change.Id, CardCheck.Button(card, CardVerbs.ChangeView)["data"]!["changeId"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "CHG-08")]
    public void RenderSchedule_ListsChangesByDate_WithClashesAndBlackouts()
    {
        var card = CardCheck.Render(node, Schedule);

        var text = CardCheck.Text(card);
        Assert.Contains("Forward schedule of changes: Payroll", text, StringComparison.Ordinal);
        Assert.Contains("CHG-000099 Patch the payroll server's operating system", text, StringComparison.Ordinal);
        Assert.Contains("Clashes with CHG-000104", text, StringComparison.Ordinal);
        Assert.Contains("Month-end payroll run (Freeze)", text, StringComparison.Ordinal);
        Assert.Empty(CardCheck.Buttons(card));
    }

    [Fact]
    [Trait("Requirement", "CHG-08")]
    public void RenderSchedule_NothingPlanned_SaysSo()
    {
        var card = CardCheck.Render(node, Schedule with { Service = null, Changes = [], Blackouts = [] });

        var text = CardCheck.Text(card);
        Assert.Contains("No changes are planned in this period.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Blackout", text, StringComparison.Ordinal);
    }
}
