namespace ItsmChatOps.Api.Client.Incidents;

/// <summary>
/// Filters for incident lists, all optional and combinable (RPT-10); multi-valued filters take a
/// comma-separated list. <c>Mine</c> means "reported by, watched by or affecting me".
/// </summary>
public sealed record IncidentQuery
{
    public bool? Mine { get; init; }
    public string? ReporterId { get; init; }
    public string? AssigneeId { get; init; }
    public string? GroupId { get; init; }
    public string? ServiceId { get; init; }
    public string? CiId { get; init; }
    public string? Category { get; init; }
    public string? State { get; init; }
    public string? Priority { get; init; }
    public bool? Open { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public string? LinkedTo { get; init; }
    public string? Breached { get; init; }

    /// <summary>Open records past the at-risk share of their resolution target and not yet breached (SLM-11).</summary>
    public bool? AtRisk { get; init; }
    public string? Text { get; init; }

    /// <summary>Resolved incidents whose confirmation request could not be delivered: the service desk contacts the reporter (INC-05).</summary>
    public bool? NeedsContact { get; init; }
    public int? PageSize { get; init; }
    public string? Continuation { get; init; }
}
