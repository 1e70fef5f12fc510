namespace ItsmChatOps.Api.Client.ServiceCatalog;

public enum ServiceStatus
{
    Planned,
    Live,
    Retired,
}

public enum Criticality
{
    High,
    Medium,
    Low,
}

/// <summary>A catalogue entry (SLM-01). Cost and internal notes are omitted for customers.</summary>
public sealed record ServiceResponse
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required ServiceStatus Status { get; init; }
    public required string OwnerId { get; init; }
    public IReadOnlyList<string> CustomerIds { get; init; } = [];
    public IReadOnlyList<string> ContactPoints { get; init; } = [];
    public required string CalendarId { get; init; }
    public required Criticality Criticality { get; init; }
    public string? SecurityArrangements { get; init; }
    public IReadOnlyList<string> SupportingServiceIds { get; init; } = [];
    public string? HeadlineTargets { get; init; }
    public string? InternalNotes { get; init; }
    public decimal? MonthlyCost { get; init; }
    public required string ETag { get; init; }
}
