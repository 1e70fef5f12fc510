namespace ItsmChatOps.Api.Client.Incidents;

/// <summary>An incident as the API returns it. <see cref="ETag"/> is also sent as the ETag header; send it back in If-Match.</summary>
public sealed record IncidentResponse
{
    public required string Id { get; init; }
    public required string Summary { get; init; }
    public string? Description { get; init; }
    public required IncidentState State { get; init; }
    public required string ServiceId { get; init; }
    public string? Category { get; init; }
    public required Impact Impact { get; init; }
    public required Urgency Urgency { get; init; }
    public required Priority Priority { get; init; }
    public bool PriorityOverridden { get; init; }
    public required string ReporterId { get; init; }
    public string? LoggedById { get; init; }
    public required IncidentSource Source { get; init; }
    public Channel Channel { get; init; }
    public string? GroupId { get; init; }
    public string? AssigneeId { get; init; }
    public string? OwnerGroupId { get; init; }
    public string? SuggestedGroupId { get; init; }
    public IReadOnlyList<string> CiIds { get; init; } = [];
    public string? Location { get; init; }
    public string? BusinessArea { get; init; }
    public string? SymptomCode { get; init; }
    public bool Security { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
    public DateTimeOffset? ResponseDue { get; init; }
    public DateTimeOffset? ResolutionDue { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public required SlaFlags Sla { get; init; }
    public required ServiceLevelSnapshot SlaSnapshot { get; init; }
    public HoldReason? HoldReason { get; init; }
    public ResolutionView? Resolution { get; init; }
    public string? Workaround { get; init; }
    public bool RestoredByWorkaround { get; init; }
    public ClosureView? Closure { get; init; }
    public CancelReason? CancelReason { get; init; }
    public int ReopenCount { get; init; }
    public int ReassignmentCount { get; init; }
    public int EscalationLevel { get; init; }
    public bool FirstContactResolution { get; init; }
    public int AffectedCount { get; init; }
    public IReadOnlyList<string> WatcherIds { get; init; } = [];
    public string? DedupeKey { get; init; }
    public int Occurrences { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }
    public ConfirmationView? Confirmation { get; init; }
    public IReadOnlyList<IncidentLinkView> Links { get; init; } = [];

    /// <summary>
    /// INC-04: open problems and changes implemented in the last 7 days on the incident's service or CIs, found when it
    /// was raised or last classified, for linking. Staff only; empty for reporters who are not staff.
    /// </summary>
    public IReadOnlyList<RelatedRecordView> PossiblyRelated { get; init; } = [];
    public ChatMessageReference? ChatMessage { get; init; }
    public required string ETag { get; init; }
}

public enum RelatedRecordKind
{
    Problem,
    Change,
}

/// <summary>A record possibly related to an incident (INC-04): an open problem, or a change and when its implementation finished.</summary>
public sealed record RelatedRecordView(RelatedRecordKind Kind, string Id, string Title, string State, DateTimeOffset? ImplementedAt);

/// <summary>Breach and at-risk flags, computed at read time against the stamped due times (SLM-09, SLM-11).</summary>
public sealed record SlaFlags(bool ResponseBreached, bool ResolutionBreached, bool AtRisk, string? BreachCause);

/// <summary>The configuration versions the record was evaluated under (SLM-12).</summary>
public sealed record ServiceLevelSnapshot(
    string? SlaId,
    int? SlaVersion,
    int MatrixVersion,
    int TargetsVersion,
    string CalendarId,
    int CalendarVersion,
    int IncidentPolicyVersion);

public sealed record ResolutionView(string Code, string Notes, string CauseCategory, string? Explanation, bool ExplanationDelivered);

public sealed record ClosureView(ClosureMethod Method, string ById, DateTimeOffset At, string? Note);

/// <summary>The state of the "is it fixed?" request while the incident is Resolved (INC-05).</summary>
public sealed record ConfirmationView(
    DateTimeOffset RequestedAt,
    DateTimeOffset? DeliveredAt,
    bool DeliveryFailed,
    DateTimeOffset? ReminderDueAt,
    DateTimeOffset? AutoCloseAt,
    bool NeedsServiceDeskContact);

public sealed record IncidentLinkView(IncidentLinkKind Kind, string TargetId);

/// <summary>A row of a list or queue; a restricted incident shows "Restricted" instead of its summary to those outside its audience (SEC-03).</summary>
public sealed record IncidentSummary
{
    public required string Id { get; init; }
    public required string Summary { get; init; }
    public required IncidentState State { get; init; }
    public required Priority Priority { get; init; }
    public required string ServiceId { get; init; }
    public string? Category { get; init; }
    public string? GroupId { get; init; }
    public string? AssigneeId { get; init; }
    public required string ReporterId { get; init; }
    public bool Security { get; init; }
    public bool Restricted { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ResolutionDue { get; init; }
    public required SlaFlags Sla { get; init; }
}

/// <summary>What creating or changing an incident asks of the caller next, e.g. "link or create a problem" (INC-13).</summary>
public sealed record IncidentPrompt(string Kind, string Message, string Requirement);

/// <summary>The result of an action: the incident and any prompts the rules raised.</summary>
public sealed record IncidentActionResult(IncidentResponse Incident, IReadOnlyList<IncidentPrompt> Prompts);

/// <summary>A link as seen from one record: outgoing when the record made it, incoming when another record links to it.</summary>
public sealed record LinkView(string FromId, string Kind, string ToId, string Direction, DateTimeOffset CreatedAt)
{
    public static LinkView From(string fromId, string kind, string toId, string seenFrom, DateTimeOffset createdAt) =>
        new(fromId, kind, toId, fromId == seenFrom ? "outgoing" : "incoming", createdAt);
}

/// <summary>
/// A proposed incident read from free text: the fields it could infer, how sure it is of the service,
/// and the fields the person still has to answer (INC-01: ask only what cannot be inferred).
/// </summary>
public sealed record IncidentDraft
{
    public required string Summary { get; init; }
    public string? Description { get; init; }
    public string? ServiceId { get; init; }
    public double ServiceConfidence { get; init; }
    public string? Category { get; init; }
    public Impact? Impact { get; init; }
    public Urgency? Urgency { get; init; }
    public bool LooksLikeSecurityIssue { get; init; }
    public IReadOnlyList<string> StillNeeded { get; init; } = [];
}
