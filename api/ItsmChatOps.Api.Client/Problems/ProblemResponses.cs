namespace ItsmChatOps.Api.Client.Problems;

/// <summary>A problem as the API returns it (requirements §17). <see cref="ETag"/> is also the ETag header.</summary>
public sealed record ProblemResponse
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required ProblemState State { get; init; }
    public required ProblemSource Source { get; init; }
    public IReadOnlyList<string> ServiceIds { get; init; } = [];
    public IReadOnlyList<string> CiIds { get; init; } = [];
    public string? Category { get; init; }
    public required Impact Impact { get; init; }
    public required Urgency Urgency { get; init; }
    public required Priority Priority { get; init; }
    public IReadOnlyList<string> BusinessAreas { get; init; } = [];
    public required string OwnerId { get; init; }
    public string? AnalystId { get; init; }
    public string? GroupId { get; init; }
    public IReadOnlyList<OwnershipPeriod> OwnershipHistory { get; init; } = [];
    public string? RootCause { get; init; }
    public string? CauseCategory { get; init; }
    public string? ResolutionMethod { get; init; }
    public string? CustomerText { get; init; }
    public IReadOnlyList<WorkaroundView> Workarounds { get; init; } = [];
    public IReadOnlyList<ProblemActionView> Actions { get; init; } = [];
    public int EffortMinutes { get; init; }
    public IReadOnlyList<string> IncidentIds { get; init; } = [];
    public IReadOnlyList<string> KnownErrorIds { get; init; } = [];
    public IReadOnlyList<LinkedChangeView> Changes { get; init; } = [];
    public IReadOnlyList<ProblemEscalationView> Escalations { get; init; } = [];
    public CustomerAgreementView? CustomerAgreement { get; init; }
    public CustomerNoticeView? CustomerNotice { get; init; }
    public string? DuplicateOfId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? RootCauseIdentifiedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public required string ETag { get; init; }
}

/// <summary>Who owned, analysed and worked the problem from when to when (PRB-09); the current period has no end.</summary>
public sealed record OwnershipPeriod(string OwnerId, string? AnalystId, string? GroupId, DateTimeOffset From, DateTimeOffset? To);

public sealed record WorkaroundView(string Text, string? CustomerText, string? SourceIncidentId, string AddedBy, DateTimeOffset AddedAt, string? KnowledgeItemId);

public sealed record ProblemActionView(string Id, string Task, string OwnerId, DateTimeOffset Due, ProblemActionState State, bool Overdue);

public sealed record LinkedChangeView(string ChangeId, LinkedChangeStatus Status, DateTimeOffset UpdatedAt, DateTimeOffset? ScheduledFor);

/// <summary>An age target passed (PRB-11): which one, the level reached and who was told.</summary>
public sealed record ProblemEscalationView(string Target, int Level, DateTimeOffset At, IReadOnlyList<string> Notified);

public sealed record CustomerAgreementView(string ById, DateTimeOffset At, string? Note);

/// <summary>The message telling customers no resolution is possible (PRB-12); closure needs it delivered.</summary>
public sealed record CustomerNoticeView(string Text, string EventId, DateTimeOffset SentAt, DateTimeOffset? DeliveredAt);

public sealed record ProblemSummary(string Id, string Title, ProblemState State, Priority Priority, string OwnerId, string? AnalystId, int IncidentCount, DateTimeOffset CreatedAt);

/// <summary>PRB-10: the problem's reach, totalled from its linked incidents.</summary>
public sealed record ProblemImpactView
{
    public required string ProblemId { get; init; }
    public required int LinkedIncidents { get; init; }
    public required int OpenIncidents { get; init; }
    public required int BreachedIncidents { get; init; }
    public required int AffectedUsers { get; init; }
    public required double DowntimeHours { get; init; }
    public IReadOnlyList<string> BusinessAreas { get; init; } = [];
    public IReadOnlyList<string> CustomerIds { get; init; } = [];
    public IReadOnlyList<string> ServiceIds { get; init; } = [];
}

/// <summary>The people a cascade was sent to (PRB-10).</summary>
public sealed record CascadeResult(string ProblemId, string EventId, IReadOnlyList<string> Recipients);

/// <summary>A recurring-incident cluster offered to the problem manager (PRB-02).</summary>
public sealed record ProblemCandidateResponse
{
    public required string Id { get; init; }
    public required CandidateState State { get; init; }
    public required string Category { get; init; }
    public string? CiId { get; init; }
    public string? ServiceId { get; init; }
    public IReadOnlyList<string> IncidentIds { get; init; } = [];
    public string? ProblemId { get; init; }
    public string? DismissReason { get; init; }
    public DateTimeOffset? SuppressedUntil { get; init; }

    /// <summary>The person id of the problem manager who accepted or dismissed it.</summary>
    public string? DecidedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string ETag { get; init; }
}
