using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>A major incident as stored (requirements §17), linked to its parent incident. Rules change it; the mapping shapes it for the wire.</summary>
public sealed class MajorIncident : RecordDocument
{
    public const string Type = "major-incident";
    public const string Prefix = "MI";

    public static readonly DateTimeOffset NoTimer = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public override string RecordType => Type;

    public required string IncidentId { get; init; }
    public MajorIncidentState State { get; set; }

    /// <summary>False once Rejected, Downgraded or Closed; indexed for "open on this service" (MAJ-08).</summary>
    public bool Open { get; set; } = true;
    public required string Summary { get; set; }
    public required string ServiceId { get; set; }
    public List<string> CiIds { get; set; } = [];

    /// <summary>The parent is a security incident (SEC-03): the major incident is listed only to staff.</summary>
    public bool Restricted { get; init; }
    public Priority Priority { get; set; }
    public Impact Impact { get; set; }
    public List<string> MatchedRules { get; set; } = [];
    public string? Reason { get; set; }
    public int PolicyVersion { get; set; }
    public string? DeclaredById { get; set; }
    public DateTimeOffset? DeclaredAt { get; set; }
    public string? ManagerId { get; set; }
    public Handover? PendingHandover { get; set; }
    public List<ManagerTerm> ManagerHistory { get; set; } = [];
    public WarRoom? WarRoom { get; set; }
    public List<string> InvitedIds { get; set; } = [];
    public List<StatusUpdate> Updates { get; set; } = [];
    public DateTimeOffset? NextUpdateDue { get; set; }

    /// <summary>The due time a reminder was already sent for, so each slot reminds once (MAJ-06).</summary>
    public DateTimeOffset? RemindedFor { get; set; }
    public int MissedUpdates { get; set; }
    public List<Escalation> Escalations { get; set; } = [];
    public List<string> AffectedCustomerIds { get; set; } = [];
    public List<string> ChildIncidentIds { get; set; } = [];

    /// <summary>Incidents whose reporter was already offered to join (MAJ-08), so an offer is made once.</summary>
    public List<string> OfferedIncidentIds { get; set; } = [];
    public DateTimeOffset? RestoredAt { get; set; }
    public Review? Review { get; set; }
    public DateTimeOffset NextTimerAt { get; set; } = NoTimer;

    public bool IsTerminal => State is MajorIncidentState.Rejected or MajorIncidentState.Downgraded or MajorIncidentState.Closed;

    /// <summary>While the manager's temporary authority lasts (MAJ-04): from declaration until the major incident is downgraded or closed.</summary>
    public bool GrantsAuthority => State is MajorIncidentState.Declared or MajorIncidentState.Restored or MajorIncidentState.ReviewPending;

    /// <summary>The parent incident and its children.</summary>
    public IEnumerable<string> IncidentIds => ChildIncidentIds.Prepend(IncidentId);

    public void RefreshDerived() => Open = !IsTerminal;
}

public sealed record Handover(string FromId, string ToId, DateTimeOffset OfferedAt, string? Note);

public sealed record ManagerTerm(string PersonId, DateTimeOffset From, DateTimeOffset? To);

public sealed record WarRoom(ChatPlatform Platform, WarRoomMode Mode, string ChannelId, string Link, DateTimeOffset OpenedAt, string? Notice, DateTimeOffset? ArchivedAt);

public sealed record StatusUpdate(int Number, DateTimeOffset At, string ById, string Status, string BusinessImpact, string Actions, string? Workaround, DateTimeOffset NextUpdateDue);

public sealed record Escalation(string PersonId, EscalationRole Role, DateTimeOffset NotifiedAt, DateTimeOffset? AcknowledgedAt, string? DeputyId, DateTimeOffset? EscalatedAt);

/// <summary>The review record (MAJ-09), kept inside the major incident so it changes in the same write as the state.</summary>
public sealed class Review
{
    public required DateTimeOffset DueAt { get; init; }
    public bool Overdue { get; set; }
    public required DateTimeOffset ImpactStart { get; init; }
    public DateTimeOffset? ImpactEnd { get; init; }
    public List<string> CustomersAffected { get; init; } = [];
    public List<string> Breaches { get; init; } = [];
    public List<ReviewTimelineEntry> Timeline { get; init; } = [];
    public string? WhatWorked { get; set; }
    public string? WhatDidNotWork { get; set; }
    public bool? RootCauseKnown { get; set; }
    public List<ReviewAction> Actions { get; set; } = [];
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedById { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedById { get; set; }
}

public sealed record ReviewAction(int Number, string Text, ReviewActionKind Kind, string? OwnerId, string? ProblemId, string? ImprovementItemId, DateOnly? DueOn = null);
