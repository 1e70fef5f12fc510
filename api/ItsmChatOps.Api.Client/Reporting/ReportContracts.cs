using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Client.Reporting;

/// <summary>
/// SLA performance over a period (RPT-02): attainment by priority, the breaches with their causes,
/// breaches counted by cause, a weekly trend and the satisfaction average. <see cref="NotCovered"/> names
/// measures that belong to processes not built yet, rather than reporting them as zero.
/// </summary>
public sealed record SlaReport
{
    public required DateTimeOffset GeneratedAt { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public string? ServiceId { get; init; }
    public string? CustomerId { get; init; }
    public required int Incidents { get; init; }
    public required IReadOnlyList<PriorityAttainment> ByPriority { get; init; }
    public required IReadOnlyList<BreachLine> Breaches { get; init; }
    public required IReadOnlyDictionary<string, int> BreachesByCause { get; init; }
    public required IReadOnlyList<WeekTrend> Trend { get; init; }
    public double? SatisfactionAverage { get; init; }
    public int SatisfactionResponses { get; init; }
    public IReadOnlyList<string> NotCovered { get; init; } = [];
}

/// <summary>Shares within target among the incidents that have a response / a resolution (null when none has yet).</summary>
public sealed record PriorityAttainment(Priority Priority, int Count, int Responded, double? RespondedWithinTarget, int Resolved, double? ResolvedWithinTarget, int Breached);

public sealed record BreachLine(string IncidentId, Priority Priority, bool Response, bool Resolution, string? Cause, string? Note);

public sealed record WeekTrend(string Week, int Raised, int Resolved, double? ResolvedWithinTarget);

/// <summary>An open record expected to breach soon or already past its at-risk share (RPT-03), soonest first.</summary>
public sealed record AtRiskItem(string IncidentId, string Summary, Priority Priority, string? GroupId, string? AssigneeId, string Target, DateTimeOffset DueAt, double MinutesLeft, double ShareElapsed);
