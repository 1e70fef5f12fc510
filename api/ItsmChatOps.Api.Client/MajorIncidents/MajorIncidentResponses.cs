using ItsmChatOps.Api.Client.People;

namespace ItsmChatOps.Api.Client.MajorIncidents;

/// <summary>A major incident as the API returns it (requirements §17). Send <see cref="ETag"/> back in If-Match.</summary>
public sealed record MajorIncidentResponse
{
    public required string Id { get; init; }
    public required string IncidentId { get; init; }
    public required MajorIncidentState State { get; init; }
    public required string Summary { get; init; }
    public required string ServiceId { get; init; }
    public required Priority Priority { get; init; }
    public required Impact Impact { get; init; }
    public IReadOnlyList<string> MatchedRules { get; init; } = [];
    public string? Reason { get; init; }
    public string? DeclaredById { get; init; }
    public DateTimeOffset? DeclaredAt { get; init; }

    /// <summary>The responsible manager (MIM); never empty while Declared or Restored (MAJ-03).</summary>
    public string? ManagerId { get; init; }
    public HandoverView? PendingHandover { get; init; }
    public IReadOnlyList<ManagerTermView> ManagerHistory { get; init; } = [];
    public WarRoomView? WarRoom { get; init; }
    public IReadOnlyList<string> InvitedIds { get; init; } = [];
    public IReadOnlyList<StatusUpdateView> Updates { get; init; } = [];
    public DateTimeOffset? NextUpdateDue { get; init; }
    public int MissedUpdates { get; init; }
    public IReadOnlyList<EscalationView> Escalations { get; init; } = [];
    public IReadOnlyList<string> AffectedCustomerIds { get; init; } = [];
    public IReadOnlyList<string> ChildIncidentIds { get; init; } = [];
    public DateTimeOffset? RestoredAt { get; init; }
    public ReviewView? Review { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string ETag { get; init; }
}

/// <summary>One stretch of someone being the manager (MAJ-03); <see cref="To"/> is null for the current one.</summary>
public sealed record ManagerTermView(string PersonId, DateTimeOffset From, DateTimeOffset? To);

public sealed record HandoverView(string FromId, string ToId, DateTimeOffset OfferedAt, string? Note);

public sealed record WarRoomView(ChatPlatform Platform, WarRoomMode Mode, string ChannelId, string Link, DateTimeOffset OpenedAt, string? Notice, DateTimeOffset? ArchivedAt);

public sealed record StatusUpdateView(
    int Number,
    DateTimeOffset At,
    string ById,
    string Status,
    string BusinessImpact,
    string Actions,
    string? Workaround,
    DateTimeOffset NextUpdateDue);

/// <summary>Who was asked to acknowledge the declaration (MAJ-07), and what happened.</summary>
public sealed record EscalationView(
    string PersonId,
    EscalationRole Role,
    DateTimeOffset NotifiedAt,
    DateTimeOffset? AcknowledgedAt,
    string? DeputyId,
    DateTimeOffset? EscalatedAt);

/// <summary>The review (MAJ-09): built from the timeline when the major incident waits for it.</summary>
public sealed record ReviewView
{
    public required DateTimeOffset DueAt { get; init; }
    public bool Overdue { get; init; }
    public required DateTimeOffset ImpactStart { get; init; }
    public DateTimeOffset? ImpactEnd { get; init; }
    public double ImpactMinutes { get; init; }
    public IReadOnlyList<string> CustomersAffected { get; init; } = [];
    public IReadOnlyList<string> Breaches { get; init; } = [];
    public IReadOnlyList<ReviewTimelineEntry> Timeline { get; init; } = [];
    public string? WhatWorked { get; init; }
    public string? WhatDidNotWork { get; init; }
    public bool? RootCauseKnown { get; init; }
    public IReadOnlyList<ReviewActionView> Actions { get; init; } = [];
    public DateTimeOffset? CompletedAt { get; init; }
    public string? CompletedById { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public string? ApprovedById { get; init; }
}

public sealed record ReviewTimelineEntry(DateTimeOffset At, string RecordId, string Kind, string ActorId, string? Text);

/// <summary>A review action and what it became: an improvement item or a problem.</summary>
public sealed record ReviewActionView(int Number, string Text, ReviewActionKind Kind, string? OwnerId, string? ProblemId, string? ImprovementItemId, DateOnly? DueOn = null);

/// <summary>What a cascade did to each child incident (MAJ-08).</summary>
public sealed record CascadeResult(IReadOnlyList<string> ResolvedIds, IReadOnlyList<CascadeSkip> Skipped);

public sealed record CascadeSkip(string IncidentId, string Reason);

/// <summary>An open major incident on a service or its CIs, to offer "join" when someone raises an incident there (MAJ-08).</summary>
public sealed record OpenMajorIncidentView(string Id, string IncidentId, string Summary, string ServiceId, MajorIncidentState State, string? ManagerId, string? WarRoomLink);
