using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.Incidents;

/// <summary>An incident as stored (requirements §17). Rules change it; <see cref="IncidentMapping"/> shapes it for the wire.</summary>
public sealed class Incident : RecordDocument
{
    public const string Type = "incident";

    /// <summary>Sort value of <see cref="NextTimerAt"/> when nothing is scheduled (sort keys are never null).</summary>
    public static readonly DateTimeOffset NoTimer = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public override string RecordType => Type;

    public required string Summary { get; set; }
    public string? Description { get; set; }
    public IncidentState State { get; set; }

    /// <summary>False once Closed or Cancelled; indexed for the open-by-priority view.</summary>
    public bool Open { get; set; } = true;
    public required string ServiceId { get; set; }
    public string? Category { get; set; }
    public Impact Impact { get; set; }
    public Urgency Urgency { get; set; }
    public Priority Priority { get; set; }
    public bool PriorityOverridden { get; set; }
    public required string ReporterId { get; set; }
    public string? LoggedById { get; set; }
    public IncidentSource Source { get; set; }
    public Channel Channel { get; set; }
    public ChatMessageReference? ChatMessage { get; set; }
    public string? GroupId { get; set; }
    public string? AssigneeId { get; set; }
    public string? LastResolverId { get; set; }

    /// <summary>The service desk that stays the owner for customer liaison (INC-08).</summary>
    public string? OwnerGroupId { get; set; }
    public string? SuggestedGroupId { get; set; }
    public List<string> CiIds { get; set; } = [];
    public string? Location { get; set; }
    public string? BusinessArea { get; set; }
    public string? SymptomCode { get; set; }
    public bool Security { get; set; }

    /// <summary>Reporter, watchers and affected users: everyone "mine" should find the incident for.</summary>
    public List<string> Involved { get; set; } = [];
    public List<string> WatcherIds { get; set; } = [];
    public List<string> AffectedUserIds { get; set; } = [];
    public bool ImpactReassessmentPrompted { get; set; }

    public required SlaSnapshot Sla { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public DateTimeOffset? ResponseDue { get; set; }
    public DateTimeOffset? ResolutionDue { get; set; }
    public DateTimeOffset? ResolutionAtRiskAt { get; set; }

    /// <summary>The resolution due time while the incident is open, absent otherwise: lets lists filter open breaches.</summary>
    public DateTimeOffset? OpenResolutionDue { get; set; }

    /// <summary>The response due time until someone responds, absent afterwards: lets lists filter open response breaches.</summary>
    public DateTimeOffset? OpenResponseDue { get; set; }

    /// <summary>The ids of every linked record, for "linked to" filters (RPT-10).</summary>
    public List<string> LinkedIds { get; set; } = [];
    public bool ResponseBreached { get; set; }
    public bool ResolutionBreached { get; set; }
    public string? BreachCause { get; set; }
    public string? BreachNote { get; set; }
    public List<ClockPause> Pauses { get; set; } = [];
    public HoldReason? HoldReason { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Resolution? Resolution { get; set; }
    public string? Workaround { get; set; }
    public bool RestoredByWorkaround { get; set; }
    public Closure? Closure { get; set; }
    public CancelReason? CancelReason { get; set; }
    public int ReopenCount { get; set; }
    public int ReassignmentCount { get; set; }
    public int EscalationLevel { get; set; }
    public bool FirstContactResolution { get; set; }
    public string? DedupeKey { get; set; }
    public int Occurrences { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
    public DateTimeOffset? LastClearedAt { get; set; }
    public Confirmation? Confirmation { get; set; }
    public DateTimeOffset? ConfirmationReminderAt { get; set; }
    public DateTimeOffset? ConfirmationAutoCloseAt { get; set; }
    public bool NeedsServiceDeskContact { get; set; }

    /// <summary>The confirmation window expired but a closure rule (INC-15, SLM-10) stopped the automatic close; the service desk follows up.</summary>
    public bool AutoCloseBlocked { get; set; }
    public DateTimeOffset? LastPublicUpdateAt { get; set; }
    public DateTimeOffset? LastUpdateReminderAt { get; set; }
    public int MissedUpdates { get; set; }
    public List<IncidentLink> Links { get; set; } = [];

    /// <summary>Open problems and recently implemented changes on the same service or CIs, found on classification (INC-04).</summary>
    public List<RelatedRecord> PossiblyRelated { get; set; } = [];

    /// <summary>SLA thresholds already announced (SLM-09); one re-arms only when its target's due time moves later.</summary>
    public List<FiredThreshold> FiredThresholds { get; set; } = [];

    /// <summary>When the resolution (or response) target passes the at-risk share, while it is still running (RPT-03).</summary>
    public DateTimeOffset? OpenAtRiskAt { get; set; }
    public DateTimeOffset NextTimerAt { get; set; } = NoTimer;

    public bool IsTerminal => State is IncidentState.Closed or IncidentState.Cancelled;

    public bool IsRestricted(IReadOnlyList<string> securityCategories) =>
        Security || (Category is not null && securityCategories.Any(c => Category.StartsWith(c, StringComparison.OrdinalIgnoreCase)));

    public void RefreshDerived()
    {
        Open = !IsTerminal;
        OpenResolutionDue = Open && State != IncidentState.Resolved ? ResolutionDue : null;
        OpenResponseDue = Open && RespondedAt is null ? ResponseDue : null;
        LinkedIds = Links.Select(l => l.TargetId).Distinct().ToList();
        Involved = WatcherIds.Concat(AffectedUserIds).Prepend(ReporterId).Distinct().ToList();
    }
}

/// <summary>The configuration versions an incident was evaluated under (SLM-12).</summary>
public sealed record SlaSnapshot(
    string? SlaId,
    int? SlaVersion,
    int MatrixVersion,
    int TargetsVersion,
    string CalendarId,
    int CalendarVersion,
    int IncidentPolicyVersion,
    bool TwentyFourSeven);

/// <summary>A stretch of time the resolution clock did not run: an on-hold reason that pauses it (SLM-08) or time spent Resolved before a reopen (INC-17).</summary>
public sealed record ClockPause(DateTimeOffset Start, DateTimeOffset? End, string Reason);

public sealed record Resolution(string Code, string Notes, string CauseCategory, string ResolvedById, string? Explanation, DateTimeOffset? ExplanationDeliveredAt);

public sealed record Closure(ClosureMethod Method, string ById, DateTimeOffset At, string? Note);

/// <summary>The "is it fixed?" request (INC-05): the window runs only once it reached the reporter.</summary>
public sealed record Confirmation(DateTimeOffset RequestedAt, DateTimeOffset? DeliveredAt, bool DeliveryFailed, DateTimeOffset? ReminderSentAt);

public sealed record IncidentLink(IncidentLinkKind Kind, string TargetId);

/// <summary>A record suggested for linking (INC-04): what it is, its title and state when found, and when a change's implementation finished.</summary>
public sealed record RelatedRecord(RelatedRecordKind Kind, string Id, string Title, string State, DateTimeOffset? ImplementedAt);

public enum SlaTargetKind
{
    Response,
    Resolution,
}

public sealed record FiredThreshold(SlaTargetKind Target, double Share, DateTimeOffset DueAt, DateTimeOffset FiredAt);
