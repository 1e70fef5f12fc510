using ItsmChatOps.Api.Client.Changes;

namespace ItsmChatOps.Api.Changes;

/// <summary>The defaults of requirements §8.2, used as version 1 of the change policies until an administrator edits them.</summary>
public static class ChangePolicyDefaults
{
    public static ChangePolicy Change { get; } = new()
    {
        RiskQuestions =
        [
            new("history", "How often has this kind of change caused trouble before?", RiskDimension.Likelihood,
                ["Never", "Rarely", "Sometimes", "Often", "Almost always"]),
            new("complexity", "How complex is the work?", RiskDimension.Likelihood,
                ["One routine step", "A few familiar steps", "Several steps or teams", "New to us", "Untried anywhere"]),
            new("testing", "How well has it been tested?", RiskDimension.Likelihood,
                ["Identical change tested in a copy of production", "Tested in a similar environment", "Partly tested", "Barely tested", "Not tested"]),
            new("reach", "If it goes wrong, who is affected?", RiskDimension.Impact,
                ["Nobody noticeable", "One team", "One department", "Several departments or customers", "The whole organization"]),
            new("backout", "How hard is it to back out?", RiskDimension.Impact,
                ["Instant and automatic", "Minutes, well rehearsed", "An hour or so", "Hours, with data work", "Not possible"]),
        ],
        ApprovalLevels =
        [
            new(ChangeModel.Standard, [], [], ApprovalAuthority.None, QuorumRule.All),
            new(ChangeModel.Emergency, [], [], ApprovalAuthority.EmergencyBoard, QuorumRule.AtLeast, 2),
            new(ChangeModel.Normal, [RiskLevel.High], [], ApprovalAuthority.ChangeAdvisoryBoard, QuorumRule.Majority),
            new(ChangeModel.Normal, [], [ChangeClass.Major], ApprovalAuthority.ChangeAdvisoryBoard, QuorumRule.Majority),
            new(ChangeModel.Normal, [RiskLevel.Medium], [], ApprovalAuthority.ChangeManagerAndOwners, QuorumRule.All),
            new(ChangeModel.Normal, [RiskLevel.Low], [], ApprovalAuthority.ChangeManager, QuorumRule.All),
        ],
        ChangeManagerId = "charlie",
        BusinessRepresentativeIds = ["bianca"],
        EmergencyApproverIds = ["charlie", "carol", "nina", "priya"],
    };

    public static BlackoutPolicy Blackouts { get; } = new()
    {
        Periods =
        [
            new("Year-end change freeze", BlackoutKind.Freeze,
                new(2026, 12, 18, 17, 0, 0, TimeSpan.Zero), new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero), []),
            new("Payroll tax year end", BlackoutKind.CriticalPeriod,
                new(2027, 3, 29, 0, 0, 0, TimeSpan.Zero), new(2027, 4, 9, 0, 0, 0, TimeSpan.Zero), ["svc-payroll"]),
        ],
    };
}
