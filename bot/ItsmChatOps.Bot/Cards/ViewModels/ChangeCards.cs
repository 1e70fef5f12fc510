namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>
/// A change as its cards show it: state and what it waits for from whom, risk with the reason for the score, the
/// window, and what it touches. <see cref="ApprovalTag"/> is the version approvers decide on (a stale one is refused).
/// </summary>
public sealed record ChangeView(
    string Id,
    string Title,
    string Model,
    string State,
    string? Class,
    int? RiskScore,
    string? RiskLevel,
    string? RiskWhy,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    IReadOnlyList<string> Cis,
    IReadOnlyList<string> Services,
    string Awaiting,
    string ApprovalTag);

/// <summary>Another change overlapping on the same or dependent CIs or services (CHG-08).</summary>
public sealed record ChangeConflictLine(string ChangeId, string Title, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A required approver and where their vote stands: Approved, Rejected or Pending.</summary>
public sealed record ApproverLine(string Name, string Basis, string Decision, bool Mandatory, string? Reason);

/// <summary>
/// The approval card (CHG-05, CHG-06): what the change is, touches and risks, with Approve / Reject for a
/// pending approver (<see cref="ViewerCanDecide"/>) and a read-only view for everyone else. In Teams the
/// posted card refreshes into the approver's view for <see cref="RefreshUserIds"/> (the pending approvers),
/// and is replaced for everyone after each decision. <see cref="Outcome"/> is set once the vote is decided.
/// A deputy sees the buttons for the pending approver who delegated to them (<see cref="ActingForId"/>, CHG-05).
/// </summary>
public sealed record ChangeApprovalCard(
    ChangeView Change,
    IReadOnlyList<ChangeConflictLine> Conflicts,
    IReadOnlyList<string> Blackouts,
    string BackoutSummary,
    IReadOnlyList<ApproverLine> Approvers,
    string Quorum,
    IReadOnlyList<string> RefreshUserIds,
    bool ViewerCanDecide,
    string? Outcome,
    IReadOnlyList<ChangeQuestionLine> Questions,
    string? ActingForId,
    string? ActingForName,
    string? Notice = null) : ICardModel
{
    public static string TemplateName => "change-approval";
}

/// <summary>An approver's question (Request info, CHG-05) and the originator's answer once given.</summary>
public sealed record ChangeQuestionLine(string AskedBy, string Question, string? Answer);

/// <summary>
/// Where a change stands (CHG-03, CHG-08, CHG-09, CHG-15): its state and what is awaited from whom, the assessment
/// (risk and why, what it touches, the changes it clashes with) and the records it is linked to, both ways.
/// </summary>
public sealed record ChangeStatusCard(
    ChangeView Change,
    IReadOnlyList<ApproverLine> Approvers,
    int ConflictCount,
    IReadOnlyList<ChangeConflictLine> Conflicts,
    IReadOnlyList<string> Links,
    string? Notice = null) : ICardModel
{
    public static string TemplateName => "change-status";
}

/// <summary>A row of the forward schedule: a change by date with its status and the changes it clashes with.</summary>
public sealed record ScheduleLine(string ChangeId, string Title, string State, DateTimeOffset Start, DateTimeOffset End, string Services, string? ConflictsWith);

public sealed record BlackoutLine(string Name, string Kind, DateTimeOffset Start, DateTimeOffset End);

/// <summary>The forward schedule of changes (CHG-08) for a service or all services over a period.</summary>
public sealed record ForwardScheduleCard(
    string? Service,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<ScheduleLine> Changes,
    IReadOnlyList<BlackoutLine> Blackouts) : ICardModel
{
    public static string TemplateName => "change-schedule";
}
