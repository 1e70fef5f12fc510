using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Client.ServiceLevels;

public enum SlaStatus
{
    Draft,
    Active,
    Expired,
}

/// <summary>A response or resolution target; hours and days are service time unless the priority runs 24×7.</summary>
public sealed record TargetDuration([property: Range(0.01, 10000)] double Value, [property: Required] TargetUnit? Unit);

public enum TargetUnit
{
    Minutes,
    Hours,
    Days,
}

public sealed record SlaTarget([property: Required] Priority? Priority, [property: Required] TargetDuration? Response,
    [property: Required] TargetDuration? Resolution, bool TwentyFourSeven = false);

/// <summary>Who is told, per priority, when a target is breached or a major incident starts (SLM-13).</summary>
public sealed record EscalationStep([property: Required] Priority? Priority, [property: Required, MinLength(1)] IReadOnlyList<string>? ContactIds);

/// <summary>
/// One item of SLA content (SLM-02): inline text, or a reference to a controlled document that holds it.
/// </summary>
public sealed record SlaItem([property: StringLength(20000)] string? Text, [property: StringLength(100)] string? DocumentRef);

/// <summary>Create or edit an SLA. Editing an Active SLA creates its next version; records keep the version they were evaluated under (SLM-12).</summary>
public sealed record SaveSlaRequest
{
    [Required, StringLength(200, MinimumLength = 3)]
    public string? Name { get; init; }

    [Required, StringLength(100)]
    public string? CustomerId { get; init; }

    [Required, MinLength(1), MaxLength(50)]
    public IReadOnlyList<string>? ServiceIds { get; init; }

    [StringLength(100)]
    public string? CalendarId { get; init; }

    [MaxLength(5)]
    public IReadOnlyList<SlaTarget>? Targets { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? EmergencyContactIds { get; init; }

    [MaxLength(5)]
    public IReadOnlyList<EscalationStep>? EscalationPath { get; init; }

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>The content items of SLM-02, by name (see <c>GET /api/slas/items</c> for the list).</summary>
    public IReadOnlyDictionary<string, SlaItem>? Items { get; init; }
}

public sealed record SlaResponse
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string CustomerId { get; init; }
    public required IReadOnlyList<string> ServiceIds { get; init; }
    public required int Version { get; init; }
    public required SlaStatus Status { get; init; }
    public required string CalendarId { get; init; }
    public IReadOnlyList<SlaTarget> Targets { get; init; } = [];
    public IReadOnlyList<string> EmergencyContactIds { get; init; } = [];
    public IReadOnlyList<EscalationStep> EscalationPath { get; init; } = [];
    public DateTimeOffset? ValidFrom { get; init; }
    public DateTimeOffset? ValidTo { get; init; }
    public IReadOnlyDictionary<string, SlaItem> Items { get; init; } = new Dictionary<string, SlaItem>();

    /// <summary>The SLM-02 items still missing; activation is refused while any is.</summary>
    public IReadOnlyList<string> MissingItems { get; init; } = [];
    public required string ETag { get; init; }
}
