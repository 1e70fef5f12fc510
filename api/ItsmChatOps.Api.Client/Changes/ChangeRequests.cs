using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Client.Changes;

/// <summary>
/// Raise a change as a Draft (CHG-01). Everything but the model and the title may be filled in later; submitting
/// checks the fields the model needs and lists every missing one (422).
/// </summary>
public sealed record CreateChangeRequest
{
    [Required]
    public ChangeModel? Model { get; init; }

    /// <summary>Standard changes: the pre-authorized template (CHG-02).</summary>
    [StringLength(100)]
    public string? TemplateId { get; init; }

    [Required, StringLength(200, MinimumLength = 5)]
    public string? Title { get; init; }

    [StringLength(8000)]
    public string? Description { get; init; }

    public ChangeScope? Scope { get; init; }

    public BenefitCategory? BenefitCategory { get; init; }

    [StringLength(4000)]
    public string? Justification { get; init; }

    /// <summary>Records the change comes from (INC-, PRB-, KE-, SIP- ids); incidents, problems and known errors are linked (CHG-15).</summary>
    [MaxLength(20)]
    public IReadOnlyList<string>? OriginRefs { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? ServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? CiIds { get; init; }

    public ChangeWindow? Window { get; init; }

    /// <summary>A planned outage of the affected services; inside service hours it needs customer consent (CHG-07).</summary>
    public ChangeWindow? Outage { get; init; }

    [StringLength(100)]
    public string? ImplementerId { get; init; }

    [StringLength(100)]
    public string? ImplementerGroupId { get; init; }

    /// <summary>The person who verifies and signs off (tester); the originator and service owners may also sign off (CHG-11).</summary>
    [StringLength(100)]
    public string? VerifierId { get; init; }

    [StringLength(20000)]
    public string? ImplementationPlan { get; init; }

    [StringLength(20000)]
    public string? BackoutPlan { get; init; }

    [StringLength(20000)]
    public string? TestPlan { get; init; }

    /// <summary>Emergency changes: why it cannot wait, from the implementer (CHG-14).</summary>
    [StringLength(4000)]
    public string? EmergencyJustification { get; init; }
}

/// <summary>In and out of scope (CHG-01).</summary>
public sealed record ChangeScope([property: StringLength(4000)] string? In, [property: StringLength(4000)] string? Out);

/// <summary>A time window; the end is after the start.</summary>
public sealed record ChangeWindow(DateTimeOffset Start, DateTimeOffset End) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (End <= Start)
        {
            yield return new ValidationResult("The window must end after it starts.", [nameof(End)]);
        }
    }

    public bool Overlaps(ChangeWindow other) => Start < other.End && other.Start < End;

    public bool Within(ChangeWindow outer) => Start >= outer.Start && End <= outer.End;
}

/// <summary>
/// Edit a change; omitted fields stay. A new plan text is a new plan version. After approval, a material edit
/// (scope, CIs, outage, plans, a window outside the approved one) returns the change to Assessed and voids the approvals (CHG-06).
/// </summary>
public sealed record UpdateChangeRequest
{
    [StringLength(200, MinimumLength = 5)]
    public string? Title { get; init; }

    [StringLength(8000)]
    public string? Description { get; init; }

    public ChangeScope? Scope { get; init; }

    public BenefitCategory? BenefitCategory { get; init; }

    [StringLength(4000)]
    public string? Justification { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? ServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? CiIds { get; init; }

    public ChangeWindow? Window { get; init; }

    public ChangeWindow? Outage { get; init; }

    [StringLength(100)]
    public string? ImplementerId { get; init; }

    [StringLength(100)]
    public string? ImplementerGroupId { get; init; }

    [StringLength(100)]
    public string? VerifierId { get; init; }

    [StringLength(20000)]
    public string? ImplementationPlan { get; init; }

    [StringLength(20000)]
    public string? BackoutPlan { get; init; }

    [StringLength(20000)]
    public string? TestPlan { get; init; }

    [StringLength(4000)]
    public string? EmergencyJustification { get; init; }

    /// <summary>Rescheduling a Scheduled change over another change on the same or dependent CIs: the change manager's reason (CHG-08).</summary>
    [StringLength(2000)]
    public string? OverrideReason { get; init; }
}

/// <summary>The assessment before approval (CHG-03): risk questionnaire answers (1–5 per question) and the rest.</summary>
public sealed record AssessChangeRequest
{
    [Required, MinLength(1), MaxLength(20)]
    public IReadOnlyDictionary<string, int>? RiskAnswers { get; init; }

    public Urgency? Urgency { get; init; }

    [Range(0, 1_000_000_000)]
    public decimal? Cost { get; init; }

    [StringLength(2000)]
    public string? Benefit { get; init; }

    [StringLength(2000)]
    public string? Resources { get; init; }

    /// <summary>The conditional assessments the rules ask for: <c>continuity</c>, <c>security</c>, <c>capacity</c>, <c>serviceIntroduction</c>.</summary>
    [MaxLength(10)]
    public IReadOnlyDictionary<string, string>? Assessments { get; init; }
}

/// <summary>Move a change along its state machine (requirements §16.5; any other move is 409).</summary>
public sealed record TransitionChangeRequest
{
    [Required]
    public ChangeState? To { get; init; }

    /// <summary>Cancelled: why.</summary>
    [StringLength(2000)]
    public string? Reason { get; init; }

    /// <summary>Scheduled: the window, inside the approved one (defaults to it).</summary>
    public ChangeWindow? Window { get; init; }

    /// <summary>Scheduled over a conflicting change: the change manager's reason (CHG-08).</summary>
    [StringLength(2000)]
    public string? OverrideReason { get; init; }

    /// <summary>Implemented: results against the test plan (CHG-11).</summary>
    public VerificationDetails? Verification { get; init; }

    /// <summary>BackedOut: what was done to back out (CHG-12).</summary>
    [StringLength(8000)]
    public string? BackoutLog { get; init; }

    /// <summary>Review: the verifier's sign-off note (CHG-11).</summary>
    [StringLength(4000)]
    public string? SignOffNote { get; init; }

    /// <summary>Closed: the outcome and the review note (CHG-13).</summary>
    public ChangeOutcome? Outcome { get; init; }

    [StringLength(8000)]
    public string? ReviewNote { get; init; }

    /// <summary>Closed, emergency changes: the change manager's verdict on whether it was a genuine emergency (CHG-14).</summary>
    public bool? GenuineEmergency { get; init; }
}

public sealed record VerificationDetails(
    [property: Required, StringLength(8000, MinimumLength = 3)] string? Results,
    [property: Required] bool? Passed);

/// <summary>
/// An approver's decision from a card or the API (CHG-05). <see cref="ETag"/> is the change's approval tag the card
/// was rendered from: a change edited since answers 412 with the current change.
/// </summary>
public sealed record ApprovalRequest : IValidatableObject
{
    [Required]
    public ApprovalDecision? Decision { get; init; }

    [StringLength(4000)]
    public string? Reason { get; init; }

    [StringLength(4000)]
    public string? Question { get; init; }

    [Required, StringLength(200)]
    public string? ETag { get; init; }

    /// <summary>A deputy deciding for the approver who delegated to them (CHG-05).</summary>
    [StringLength(100)]
    public string? OnBehalfOfId { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Decision == ApprovalDecision.Reject && string.IsNullOrWhiteSpace(Reason))
        {
            yield return new ValidationResult("A rejection needs a reason (CHG-05).", [nameof(Reason)]);
        }

        if (Decision == ApprovalDecision.RequestInfo && string.IsNullOrWhiteSpace(Question))
        {
            yield return new ValidationResult("Say what you need to know (CHG-05).", [nameof(Question)]);
        }
    }
}

/// <summary>The originator answers an approver's question (CHG-05); the approvers are told and their cards show it.</summary>
public sealed record InfoAnswerRequest([property: Required, StringLength(4000, MinimumLength = 2)] string? Answer);

/// <summary>Delegate your approvals to a deputy for a date range (CHG-05).</summary>
public sealed record DelegationRequest(
    [property: Required, StringLength(100)] string? DeputyId,
    [property: Required] DateTimeOffset? From,
    [property: Required] DateTimeOffset? To);

/// <summary>The change manager lets the implementer start outside the window (CHG-10).</summary>
public sealed record WindowOverrideRequest([property: Required, StringLength(2000, MinimumLength = 5)] string? Reason);

/// <summary>The post-implementation review (CHG-13); side effects are listed by the API.</summary>
public sealed record PirRequest
{
    [Required]
    public bool? ObjectivesMet { get; init; }

    [StringLength(8000)]
    public string? Note { get; init; }

    /// <summary>Nonconformities found; each is raised for corrective action.</summary>
    [MaxLength(20)]
    public IReadOnlyList<string>? Nonconformities { get; init; }

    /// <summary>Weaknesses in the change process; each becomes an improvement item.</summary>
    [MaxLength(20)]
    public IReadOnlyList<string>? Improvements { get; init; }
}

/// <summary>A customer representative answers "are you satisfied with the change?" (CHG-13).</summary>
public sealed record PirCustomerAnswerRequest(
    [property: Required] bool? Satisfied,
    [property: StringLength(4000)] string? Comment);

public sealed record LinkChangeRequest(
    [property: Required] ChangeLinkKind? Kind,
    [property: Required, StringLength(100)] string? TargetId);

/// <summary>A standard change template (CHG-02), maintained by the change manager.</summary>
public sealed record SaveChangeTemplateRequest
{
    [Required, StringLength(200, MinimumLength = 5)]
    public string? Name { get; init; }

    [StringLength(4000)]
    public string? Description { get; init; }

    /// <summary>The CIs the template may be used on, by id and/or by type (CHG-02).</summary>
    [MaxLength(200)]
    public IReadOnlyList<string>? CiIds { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? CiTypes { get; init; }

    [Required, MinLength(1), MaxLength(50)]
    public IReadOnlyList<string>? Steps { get; init; }

    public BenefitCategory? BenefitCategory { get; init; }

    [Required, StringLength(20000)]
    public string? ImplementationPlan { get; init; }

    [Required, StringLength(20000)]
    public string? BackoutPlan { get; init; }

    [Required, StringLength(20000)]
    public string? TestPlan { get; init; }

    public bool Active { get; init; } = true;
}

/// <summary>Filters for change lists, all optional; <c>State</c> takes a comma-separated list.</summary>
public sealed record ChangeQuery
{
    public string? State { get; init; }
    public ChangeModel? Model { get; init; }
    public string? ServiceId { get; init; }
    public string? CiId { get; init; }
    public string? ImplementerId { get; init; }
    public string? OriginatorId { get; init; }

    /// <summary>Changes waiting for this person's decision (or for someone who delegated to them).</summary>
    public string? AwaitingApprovalBy { get; init; }

    /// <summary>Emergency changes whose retrospective fields or review are overdue (CHG-14, RPT-08).</summary>
    public bool? RetrospectiveOverdue { get; init; }
    public int? PageSize { get; init; }
    public string? Continuation { get; init; }
}
