using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using System.Text.Json.Serialization;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.Changes;

/// <summary>A change as stored (requirements §17). Rules change it; <see cref="ChangeMapping"/> shapes it for the wire.</summary>
public sealed class Change : RecordDocument
{
    public const string Type = "change";

    /// <summary>Sort value of unset times (sort keys are never null).</summary>
    public static readonly DateTimeOffset Never = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public override string RecordType => Type;

    public required ChangeModel Model { get; set; }
    public string? TemplateId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public ChangeScope? Scope { get; set; }
    public BenefitCategory? BenefitCategory { get; set; }
    public string? Justification { get; set; }
    public string? EmergencyJustification { get; set; }
    public List<string> OriginRefs { get; set; } = [];
    public List<string> ServiceIds { get; set; } = [];
    public List<string> CiIds { get; set; } = [];
    public ChangeWindow? Window { get; set; }
    public ChangeWindow? ApprovedWindow { get; set; }
    public ChangeWindow? Outage { get; set; }
    public string? ImplementerId { get; set; }
    public string? ImplementerGroupId { get; set; }
    public string? VerifierId { get; set; }
    public required string OriginatorId { get; set; }
    public ChangeState State { get; set; }
    public bool Open { get; set; } = true;
    public ChangeClass? Class { get; set; }
    public Urgency? Urgency { get; set; }
    public decimal? Cost { get; set; }
    public string? Benefit { get; set; }
    public string? Resources { get; set; }
    public RiskResult? Risk { get; set; }
    public Dictionary<string, string> Assessments { get; set; } = [];
    public List<string> RequiredAssessments { get; set; } = [];
    public ChangeImpact? Impact { get; set; }

    /// <summary>The representatives of the affected customers: they consent to outages (CHG-07) and answer the review (CHG-13).</summary>
    public List<string> CustomerRepresentativeIds { get; set; } = [];

    /// <summary>Services reached through the CIs plus those named: the forward schedule filters on it (CHG-08).</summary>
    public List<string> AffectedServiceIds { get; set; } = [];
    public List<ScheduleConflict> Conflicts { get; set; } = [];
    public List<BlackoutHit> Blackouts { get; set; } = [];
    public List<RequiredApprover> Approvers { get; set; } = [];
    public QuorumRule Quorum { get; set; }
    public int QuorumMinimum { get; set; }

    /// <summary>ECAB: at least one approval must come from one of these roles (CHG-04).</summary>
    public List<ItsmRole> QuorumNeedsRoles { get; set; } = [];
    public List<Approval> Approvals { get; set; } = [];
    public List<Approval> VoidedApprovals { get; set; } = [];
    public List<InfoRequest> InfoRequests { get; set; } = [];

    /// <summary>Approvers still to decide, for "awaiting my approval" lists.</summary>
    public List<string> PendingApproverIds { get; set; } = [];
    public List<PlanVersion> Plans { get; set; } = [];
    public List<PlanRef> ApprovedPlans { get; set; } = [];

    /// <summary>Goes up with every material edit and every new approval round: approval cards carry it (CHG-05).</summary>
    public int Revision { get; set; } = 1;
    public DateTimeOffset ScheduleStart { get; set; } = Never;
    public DateTimeOffset ScheduleEnd { get; set; } = Never;
    public DateTimeOffset? ActualStart { get; set; }
    public DateTimeOffset? ActualEnd { get; set; }
    public Override? WindowOverride { get; set; }
    public Override? ConflictOverride { get; set; }
    public Verification? Verification { get; set; }
    public string? BackoutLog { get; set; }
    public SignOff? SignOff { get; set; }
    public ChangeOutcome? Outcome { get; set; }
    public string? ReviewNote { get; set; }
    public bool? GenuineEmergency { get; set; }
    public PostImplementationReview? Pir { get; set; }
    public List<string> RetrospectiveFields { get; set; } = [];
    public DateTimeOffset? RetrospectiveDeadline { get; set; }
    public DateTimeOffset? RetrospectiveReminderAt { get; set; }
    public bool RetrospectiveReminderSent { get; set; }
    public bool RetrospectiveOverdue { get; set; }
    public DateTimeOffset? ReminderSentFor { get; set; }

    /// <summary>Who was told of the schedule (CHG-09): told again on a reschedule, a reminder or a cancellation.</summary>
    public List<string> ScheduleAudience { get; set; } = [];
    public List<ChangeLink> Links { get; set; } = [];
    public List<string> LinkedIds { get; set; } = [];
    public int? PolicyVersion { get; set; }
    public DateTimeOffset NextTimerAt { get; set; } = Never;

    [JsonIgnore]
    public string ApprovalTag => $"\"{Id}-r{Revision}\"";

    [JsonIgnore]
    public bool IsTerminal => State is ChangeState.Closed or ChangeState.Cancelled or ChangeState.Rejected;

    public PlanVersion? CurrentPlan(PlanKind kind) => Plans.Where(p => p.Kind == kind).MaxBy(p => p.Version);

    public void RefreshDerived()
    {
        Open = !IsTerminal;
        var window = State is ChangeState.Draft or ChangeState.Cancelled or ChangeState.Rejected ? null : Window;
        ScheduleStart = window?.Start ?? Never;
        ScheduleEnd = window?.End ?? Never;
        LinkedIds = Links.Select(l => l.TargetId).Concat(OriginRefs).Distinct().ToList();
        AffectedServiceIds = ServiceIds.Concat(Impact?.ServiceIds ?? []).Distinct().ToList();
        PendingApproverIds = State == ChangeState.PendingApproval
            ? Approvers.Where(a => Approvals.All(v => v.SlotId != a.PersonId)).Select(a => a.PersonId).ToList()
            : [];
    }
}

/// <summary>The questionnaire's result (CHG-03): likelihood × impact on 1–5 scales, and the level it falls in.</summary>
public sealed record RiskResult(int Likelihood, int Impact, int Score, RiskLevel Level, Dictionary<string, int> Answers, int PolicyVersion);

/// <summary>What the change reaches through relationships (CFG-03), as found when it was last analysed.</summary>
public sealed record ChangeImpact(List<ImpactedCi> Cis, List<ImpactedService> Services, List<NamedRef> Customers, List<AffectedAgreementView> Agreements)
{
    [JsonIgnore]
    public IEnumerable<string> ServiceIds => Services.Select(s => s.Id);
}

public sealed record ScheduleConflict(string ChangeId, string Title, ChangeState State, ChangeWindow Window, List<string> SharedIds, int SuggestedOrder);

public sealed record BlackoutHit(string Name, BlackoutKind Kind, ChangeWindow Period, List<string> ServiceIds);

/// <summary>A person whose decision counts (CHG-04); a mandatory approver must approve whatever the quorum (CHG-07, CFG-04).</summary>
public sealed record RequiredApprover(string PersonId, ApproverBasis Basis, bool Mandatory, bool HoldsQuorumRole);

/// <summary>
/// One decision. <see cref="ApproverId"/> is who decided; <see cref="OnBehalfOfId"/> the approver a deputy decided for
/// (CHG-05). The approval counts for <see cref="SlotId"/>, once. <see cref="PlansHash"/> identifies the exact plan
/// versions the approver saw (CHG-01).
/// </summary>
public sealed record Approval(string ApproverId, string? OnBehalfOfId, ApprovalDecision Decision, string? Reason, DateTimeOffset At, string ETagSeen,
    string PlansHash, string? IdempotencyKey)
{
    [JsonIgnore]
    public string SlotId => OnBehalfOfId ?? ApproverId;
}

/// <summary>An approver's question to the originator (CHG-05), and the originator's answer once given.</summary>
public sealed record InfoRequest(string AskedById, string Question, DateTimeOffset At, string? Answer = null, string? AnsweredById = null, DateTimeOffset? AnsweredAt = null);

/// <summary>A version of a plan document; the hash of its text identifies it exactly (CHG-01).</summary>
public sealed record PlanVersion(PlanKind Kind, int Version, string Hash, string Text, DateTimeOffset AddedAt, string AddedById);

public sealed record PlanRef(PlanKind Kind, int Version, string Hash);

public sealed record Override(string ById, string Reason, DateTimeOffset At);

public sealed record Verification(string Results, bool Passed, string ById, DateTimeOffset At);

public sealed record SignOff(string ById, string? Note, DateTimeOffset At);

public sealed record PostImplementationReview(
    bool? ObjectivesMet,
    bool? CustomersSatisfied,
    string? CustomerAnsweredById,
    string? CustomerComment,
    List<string> SideEffectIncidentIds,
    List<string> Nonconformities,
    List<string> Improvements,
    string? Note,
    DateTimeOffset? RecordedAt);

public sealed record ChangeLink(ChangeLinkKind Kind, string TargetId);
