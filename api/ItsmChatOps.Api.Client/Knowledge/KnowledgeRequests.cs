using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Client.Knowledge;

/// <summary>Write a new knowledge item; it starts in Draft (§16.9).</summary>
public sealed record CreateKnowledgeItemRequest
{
    [Required]
    public KnowledgeKind? Kind { get; init; }

    [Required]
    public KnowledgeAudience? Audience { get; init; }

    [Required, StringLength(200, MinimumLength = 3)]
    public string? Title { get; init; }

    [Required, StringLength(20000, MinimumLength = 10)]
    public string? Body { get; init; }

    /// <summary>What the user sees going wrong, in their words: searched as well as the body.</summary>
    [StringLength(4000)]
    public string? Symptoms { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? ServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? CiIds { get; init; }

    /// <summary>Product versions a workaround applies to (KB-03).</summary>
    [MaxLength(20)]
    public IReadOnlyList<string>? Versions { get; init; }

    /// <summary>When a workaround applies (KB-03).</summary>
    [StringLength(2000)]
    public string? Conditions { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? Steps { get; init; }

    [StringLength(2000)]
    public string? Risks { get; init; }

    /// <summary>Defaults to the author.</summary>
    [StringLength(100)]
    public string? OwnerId { get; init; }

    public SpecialistDetails? Specialist { get; init; }
}

/// <summary>Who to ask about a service or CI (KB-02, <c>/itsm who</c>).</summary>
public sealed record SpecialistDetails
{
    [MaxLength(20)]
    public IReadOnlyList<string>? GroupIds { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? PersonIds { get; init; }

    [MaxLength(30)]
    public IReadOnlyList<string>? Skills { get; init; }

    [MaxLength(10)]
    public IReadOnlyList<string>? SupplierContacts { get; init; }

    [StringLength(300)]
    public string? OnCallContact { get; init; }
}

/// <summary>
/// Edit an item; omitted fields stay. A Draft is edited in place; editing a Published item starts its
/// next version in Draft while the published one stays live (KB-06).
/// </summary>
public sealed record UpdateKnowledgeItemRequest
{
    public KnowledgeAudience? Audience { get; init; }

    [StringLength(200, MinimumLength = 3)]
    public string? Title { get; init; }

    [StringLength(20000, MinimumLength = 10)]
    public string? Body { get; init; }

    [StringLength(4000)]
    public string? Symptoms { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? ServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? CiIds { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? Versions { get; init; }

    [StringLength(2000)]
    public string? Conditions { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? Steps { get; init; }

    [StringLength(2000)]
    public string? Risks { get; init; }

    public SpecialistDetails? Specialist { get; init; }
}

/// <summary>Move an item, or its pending next version, along §16.9.</summary>
public sealed record TransitionKnowledgeRequest
{
    [Required]
    public KnowledgeState? To { get; init; }

    [StringLength(1000)]
    public string? Reason { get; init; }
}

/// <summary>"Did this help?" (KB-04).</summary>
public sealed record KnowledgeFeedbackRequest
{
    [Required]
    public bool? Helpful { get; init; }

    [StringLength(2000)]
    public string? Comment { get; init; }

    /// <summary>The question the item was offered for, when it came from an answer.</summary>
    [StringLength(1000)]
    public string? Question { get; init; }
}

/// <summary>Ask the knowledge base (KB-01).</summary>
public sealed record AnswerRequest
{
    [Required, StringLength(1000, MinimumLength = 2)]
    public string? Question { get; init; }

    /// <summary>Prefer items about this service.</summary>
    [StringLength(100)]
    public string? ServiceId { get; init; }
}

/// <summary>How self-help before the incident form ended (KB-08).</summary>
public sealed record SelfHelpRequest
{
    [Required]
    public SelfHelpOutcome? Outcome { get; init; }

    [Required, StringLength(1000, MinimumLength = 2)]
    public string? Question { get; init; }

    [StringLength(100)]
    public string? ServiceId { get; init; }

    /// <summary>The items offered and opened: the one that solved it, or those attached to the incident.</summary>
    [Required, MinLength(1), MaxLength(10)]
    public IReadOnlyList<string>? ItemIds { get; init; }

    /// <summary>"Still need help": the incident raised afterwards, which the viewed items are attached to.</summary>
    [StringLength(100)]
    public string? IncidentId { get; init; }
}

/// <summary>A workaround or known error applied to an incident (INC-09, KB-03).</summary>
public sealed record ApplyKnowledgeRequest([property: Required, StringLength(100)] string? IncidentId);
