using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.ServiceCatalog;

namespace ItsmChatOps.Api.Client.Changes;

/// <summary>
/// A change as the API returns it. <see cref="ETag"/> (also the ETag header) guards edits with If-Match;
/// <see cref="ApprovalTag"/> is what approval cards carry: it changes only when the change is materially edited
/// or sent for approval again, so approvers deciding at the same moment do not invalidate each other's cards.
/// </summary>
public sealed record ChangeResponse
{
    public required string Id { get; init; }
    public required ChangeModel Model { get; init; }
    public string? TemplateId { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public ChangeScope? Scope { get; init; }
    public BenefitCategory? BenefitCategory { get; init; }
    public string? Justification { get; init; }
    public string? EmergencyJustification { get; init; }
    public IReadOnlyList<string> OriginRefs { get; init; } = [];
    public IReadOnlyList<string> ServiceIds { get; init; } = [];
    public IReadOnlyList<string> CiIds { get; init; } = [];
    public ChangeWindow? Window { get; init; }
    public ChangeWindow? ApprovedWindow { get; init; }
    public ChangeWindow? Outage { get; init; }
    public string? ImplementerId { get; init; }
    public string? ImplementerGroupId { get; init; }
    public string? VerifierId { get; init; }
    public required string OriginatorId { get; init; }
    public required ChangeState State { get; init; }
    public ChangeClass? Class { get; init; }
    public Urgency? Urgency { get; init; }
    public decimal? Cost { get; init; }
    public string? Benefit { get; init; }
    public string? Resources { get; init; }
    public RiskView? Risk { get; init; }
    public ChangeImpactView? Impact { get; init; }
    public IReadOnlyDictionary<string, string> Assessments { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> RequiredAssessments { get; init; } = [];
    public IReadOnlyList<ConflictView> Conflicts { get; init; } = [];
    public IReadOnlyList<BlackoutView> Blackouts { get; init; } = [];
    public IReadOnlyList<RequiredApproverView> Approvers { get; init; } = [];
    public QuorumView? Quorum { get; init; }
    public IReadOnlyList<ApprovalView> Approvals { get; init; } = [];
    public IReadOnlyList<ApprovalView> VoidedApprovals { get; init; } = [];
    public IReadOnlyList<InfoRequestView> InfoRequests { get; init; } = [];
    public IReadOnlyList<PlanView> Plans { get; init; } = [];

    /// <summary>The plan versions the approvers approved, by hash (CHG-01).</summary>
    public IReadOnlyList<PlanView> ApprovedPlans { get; init; } = [];
    public string? ApprovedPlansHash { get; init; }
    public DateTimeOffset? ActualStart { get; init; }
    public DateTimeOffset? ActualEnd { get; init; }
    public OverrideView? WindowOverride { get; init; }
    public OverrideView? ConflictOverride { get; init; }
    public VerificationView? Verification { get; init; }
    public string? BackoutLog { get; init; }
    public SignOffView? SignOff { get; init; }
    public ChangeOutcome? Outcome { get; init; }
    public string? ReviewNote { get; init; }
    public PirView? Pir { get; init; }
    public EmergencyView? Emergency { get; init; }
    public IReadOnlyList<ChangeLinkView> Links { get; init; } = [];

    /// <summary>What the change waits for now and from whom (for the status card).</summary>
    public required AwaitingView Awaiting { get; init; }
    public required string ApprovalTag { get; init; }
    public int? PolicyVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string ETag { get; init; }
}

/// <summary>The risk score from the questionnaire (CHG-03), with the answers that drove it.</summary>
public sealed record RiskView(int Likelihood, int Impact, int Score, RiskLevel Level, IReadOnlyList<RiskAnswerView> Answers, string Why);

public sealed record RiskAnswerView(string QuestionId, string Question, RiskDimension Dimension, int Score, string Meaning);

/// <summary>What the change touches, through relationships (CFG-03): CIs, services, customers and their agreements.</summary>
public sealed record ChangeImpactView(
    IReadOnlyList<ImpactedCi> Cis,
    IReadOnlyList<ImpactedService> Services,
    IReadOnlyList<NamedRef> Customers,
    IReadOnlyList<AffectedAgreementView> Agreements);

/// <summary>A customer's service level agreement for an affected service, with its service-hours calendar.</summary>
public sealed record AffectedAgreementView(string ServiceId, string ServiceName, string CustomerId, string CustomerName, string CalendarId, string? HeadlineTargets);

/// <summary>Another change whose window overlaps on the same or dependent CIs or services (CHG-08).</summary>
public sealed record ConflictView(string ChangeId, string Title, ChangeState State, ChangeWindow Window, IReadOnlyList<string> SharedIds, int SuggestedOrder);

public sealed record BlackoutView(string Name, BlackoutKind Kind, ChangeWindow Period, IReadOnlyList<string> ServiceIds);

public sealed record RequiredApproverView(string PersonId, string Name, ApproverBasis Basis, bool Mandatory, ApprovalDecision? Decision, string? DecidedById, DateTimeOffset? DecidedAt);

/// <summary>Where the vote stands: the rule, how many approvals are needed, how many are in, who is still awaited.</summary>
public sealed record QuorumView(QuorumRule Rule, int Needed, int Approvals, int Rejections, IReadOnlyList<string> MandatoryPending, IReadOnlyList<string> Pending, bool Met);

/// <summary>
/// One decision; <see cref="OnBehalfOfId"/> when a deputy decided for the approver (CHG-05). <see cref="PlansHash"/>
/// identifies the plan versions the approver saw: the hash over each plan's kind, version and hash.
/// </summary>
public sealed record ApprovalView(string ApproverId, string? OnBehalfOfId, ApprovalDecision Decision, string? Reason, DateTimeOffset At, string ETagSeen, string PlansHash);

/// <summary>An approver's question (CHG-05); <see cref="Answer"/> once the originator has answered it.</summary>
public sealed record InfoRequestView(string AskedById, string Question, DateTimeOffset At, string? Answer = null, string? AnsweredById = null, DateTimeOffset? AnsweredAt = null);

/// <summary>A version of a plan document; the hash identifies the exact text (CHG-01).</summary>
public sealed record PlanView(PlanKind Kind, int Version, string Hash, string? Text, DateTimeOffset AddedAt, string AddedById);

public sealed record OverrideView(string ById, string Reason, DateTimeOffset At);

public sealed record VerificationView(string Results, bool Passed, string ById, DateTimeOffset At, IReadOnlyList<CiUpdateView> CiUpdates);

/// <summary>Planned against actual (CHG-11): a CI the change lists, and the versions made under this change.</summary>
public sealed record CiUpdateView(string CiId, bool Updated, IReadOnlyList<int> Revisions, IReadOnlyList<string> Fields);

public sealed record SignOffView(string ById, string? Note, DateTimeOffset At);

/// <summary>The post-implementation review (CHG-13): three questions, side effects found automatically, findings raised.</summary>
public sealed record PirView(
    bool? ObjectivesMet,
    bool? CustomersSatisfied,
    string? CustomerAnsweredById,
    IReadOnlyList<string> SideEffectIncidentIds,
    IReadOnlyList<string> Nonconformities,
    IReadOnlyList<string> Improvements,
    string? Note,
    bool Required,
    bool Complete);

/// <summary>Emergency changes (CHG-14): the fields filled retrospectively, their deadline, and the review verdict.</summary>
public sealed record EmergencyView(IReadOnlyList<string> RetrospectiveFields, DateTimeOffset? Deadline, bool Overdue, bool? Genuine);

public sealed record ChangeLinkView(ChangeLinkKind Kind, string TargetId);

/// <summary>What the change is waiting for (approval, scheduling, implementation, sign-off...) and from whom.</summary>
public sealed record AwaitingView(string What, IReadOnlyList<string> FromIds);

/// <summary>A row of a list or the forward schedule.</summary>
public sealed record ChangeSummary
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required ChangeModel Model { get; init; }
    public required ChangeState State { get; init; }
    public ChangeClass? Class { get; init; }
    public RiskLevel? RiskLevel { get; init; }
    public Urgency? Urgency { get; init; }
    public ChangeWindow? Window { get; init; }
    public IReadOnlyList<string> ServiceIds { get; init; } = [];
    public IReadOnlyList<string> AffectedServiceIds { get; init; } = [];
    public IReadOnlyList<string> CiIds { get; init; } = [];
    public string? ImplementerId { get; init; }
    public required string OriginatorId { get; init; }
    public bool RetrospectiveOverdue { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The forward schedule of changes (CHG-08): changes by date with their status, conflicts and blackout periods.</summary>
public sealed record ScheduleResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string? ServiceId,
    IReadOnlyList<ScheduleEntry> Entries,
    IReadOnlyList<BlackoutView> Blackouts);

public sealed record ScheduleEntry(ChangeSummary Change, IReadOnlyList<string> ConflictsWith, int SuggestedOrder);

public sealed record ChangeTemplateResponse
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> CiIds { get; init; } = [];
    public IReadOnlyList<string> CiTypes { get; init; } = [];
    public IReadOnlyList<string> Steps { get; init; } = [];
    public BenefitCategory? BenefitCategory { get; init; }
    public required string ImplementationPlan { get; init; }
    public required string BackoutPlan { get; init; }
    public required string TestPlan { get; init; }
    public required bool Active { get; init; }
    public required string ETag { get; init; }
}

public sealed record DelegationView(string DelegatorId, string DeputyId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset CreatedAt);
