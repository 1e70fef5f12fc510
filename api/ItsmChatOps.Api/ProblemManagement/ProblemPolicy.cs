using ItsmChatOps.Api.Client;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>The configurable rules of problem management (PRB-02, PRB-06, PRB-11).</summary>
public sealed record ProblemPolicy
{
    public const string Kind = "problem";

    /// <summary>PRB-02: this many incidents within the window, same category and CI (or service when no CI), none linked to a problem.</summary>
    public int RecurringIncidentCount { get; init; } = 3;
    public int RecurringWindowDays { get; init; } = 14;

    /// <summary>PRB-02: a dismissed cluster is not proposed again for this long.</summary>
    public int DismissalSuppressionDays { get; init; } = 14;

    /// <summary>PRB-11: age targets in days per priority for reaching a root cause; null means none.</summary>
    public Dictionary<Priority, double?> RootCauseTargetDays { get; init; } = new()
    {
        [Priority.P1] = 5, [Priority.P2] = 20, [Priority.P3] = 60, [Priority.P4] = null, [Priority.P5] = null,
    };

    /// <summary>PRB-11: age targets in days per priority from root cause to an approved fix.</summary>
    public Dictionary<Priority, double?> FixApprovalTargetDays { get; init; } = new()
    {
        [Priority.P1] = 10, [Priority.P2] = 30, [Priority.P3] = 90, [Priority.P4] = null, [Priority.P5] = null,
    };

    /// <summary>PRB-06: the review date of a decision not to fix, and the incident count since it that raises a reassessment.</summary>
    public int DecisionReviewMonths { get; init; } = 6;
    public int ReassessAfterIncidents { get; init; } = 10;

    /// <summary>PRB-08: the service desk channel told of workarounds and fixes.</summary>
    public string ServiceDeskGroupId { get; init; } = "grp-servicedesk";
}
