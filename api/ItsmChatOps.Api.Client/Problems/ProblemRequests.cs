using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Client.Problems;

/// <summary>Log a problem (PRB-01); staff only. Priority comes from impact × urgency (SLM-05).</summary>
public sealed record CreateProblemRequest
{
    [Required, StringLength(200, MinimumLength = 3)]
    public string? Title { get; init; }

    [StringLength(8000)]
    public string? Description { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? ServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? CiIds { get; init; }

    [StringLength(200)]
    public string? Category { get; init; }

    [Required]
    public Impact? Impact { get; init; }

    [Required]
    public Urgency? Urgency { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? BusinessAreas { get; init; }

    [StringLength(100)]
    public string? OwnerId { get; init; }

    [StringLength(100)]
    public string? AnalystId { get; init; }

    public ProblemSource? Source { get; init; }
}

/// <summary>"Raise problem" on an incident card: service, CIs, category and description come from the incident (PRB-01).</summary>
public sealed record RaiseProblemFromIncidentRequest
{
    [StringLength(200, MinimumLength = 3)]
    public string? Title { get; init; }

    public Impact? Impact { get; init; }

    public Urgency? Urgency { get; init; }
}

/// <summary>Edit descriptive fields and findings; omitted fields stay.</summary>
public sealed record UpdateProblemRequest
{
    [StringLength(200, MinimumLength = 3)]
    public string? Title { get; init; }

    [StringLength(8000)]
    public string? Description { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? ServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? CiIds { get; init; }

    [StringLength(200)]
    public string? Category { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? BusinessAreas { get; init; }

    [StringLength(8000)]
    public string? RootCause { get; init; }

    /// <summary>From the root-cause taxonomy (the incident policy's cause categories), needed to close (PRB-12).</summary>
    [StringLength(100)]
    public string? CauseCategory { get; init; }

    [StringLength(8000)]
    public string? ResolutionMethod { get; init; }

    /// <summary>The customer-visible text the problem manager sets for communications (PRB-08).</summary>
    [StringLength(2000)]
    public string? CustomerText { get; init; }
}

/// <summary>Move a problem along §16.3; other moves are 409.</summary>
public sealed record TransitionProblemRequest
{
    [Required]
    public ProblemState? To { get; init; }

    [StringLength(2000)]
    public string? Reason { get; init; }

    /// <summary>UnderInvestigation: the analyst assigned.</summary>
    [StringLength(100)]
    public string? AnalystId { get; init; }

    /// <summary>Cancelled as a duplicate: the surviving problem.</summary>
    [StringLength(100)]
    public string? DuplicateOfId { get; init; }

    /// <summary>RootCauseIdentified: the known error to create (PRB-04).</summary>
    public KnownErrorDraft? KnownError { get; init; }
}

/// <summary>What the known error created at RootCauseIdentified lists: at least one service and one suspected CI (PRB-04).</summary>
public sealed record KnownErrorDraft
{
    [StringLength(200, MinimumLength = 3)]
    public string? Title { get; init; }

    [StringLength(4000)]
    public string? Symptoms { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? AffectedServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? SuspectedCiIds { get; init; }
}

/// <summary>Change owner, analyst or group (PRB-09); each change closes a time range in the history.</summary>
public sealed record AssignProblemRequest
{
    [StringLength(100)]
    public string? OwnerId { get; init; }

    [StringLength(100)]
    public string? AnalystId { get; init; }

    [StringLength(100)]
    public string? GroupId { get; init; }

    [StringLength(1000)]
    public string? Reason { get; init; }
}

/// <summary>Add or change a workaround (INC-13, PRB-08); the customer text is what affected users are told.</summary>
public sealed record AddProblemWorkaroundRequest(
    [property: Required, StringLength(8000, MinimumLength = 10)] string? Text,
    [property: StringLength(2000)] string? CustomerText);

public sealed record AddProblemActionRequest(
    [property: Required, StringLength(500, MinimumLength = 3)] string? Task,
    [property: Required, StringLength(100)] string? OwnerId,
    [property: Required] DateTimeOffset? Due);

public sealed record UpdateProblemActionRequest([property: Required] ProblemActionState? State);

/// <summary>Effort spent on the problem (PRB-09, FIN-04).</summary>
public sealed record LogEffortRequest(
    [property: Required, Range(1, 24 * 60)] int? Minutes,
    [property: StringLength(500)] string? Note);

/// <summary>Link a change by its id (PRB-07); the problem learns its progress from the change's events.</summary>
public sealed record LinkChangeRequest(
    [property: Required, RegularExpression("^CHG-[0-9]{6}$", ErrorMessage = "A change id looks like CHG-000123.")] string? ChangeId);

/// <summary>Link an incident to the problem (two-way, INC-18).</summary>
public sealed record LinkProblemIncidentRequest([property: Required, StringLength(100)] string? IncidentId);

/// <summary>The service owner or a customer representative agrees the problem can close (PRB-12).</summary>
public sealed record CustomerAgreementRequest([property: StringLength(2000)] string? Note);

/// <summary>A message to customers: no resolution is possible (PRB-12) or a status cascade (PRB-10).</summary>
public sealed record ProblemMessageRequest([property: Required, StringLength(2000, MinimumLength = 5)] string? Text);

/// <summary>The bot reports that a problem message reached its recipients (PRB-12).</summary>
public sealed record ProblemDeliveryReport(
    [property: Required, StringLength(100)] string? EventId,
    [property: Required] bool? Delivered);

/// <summary>Accept a recurring-incident cluster as a problem, or dismiss it with a reason (PRB-02).</summary>
public sealed record CandidateDecisionRequest(
    [property: Required] bool? Accept,
    [property: StringLength(1000)] string? Reason);
