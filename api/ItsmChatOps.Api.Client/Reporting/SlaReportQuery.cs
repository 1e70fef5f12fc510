namespace ItsmChatOps.Api.Client.Reporting;

/// <summary>Which SLA report to build: one service or one customer's services, over a period (default: the last 28 days).</summary>
public sealed record SlaReportQuery
{
    public string? ServiceId { get; init; }
    public string? CustomerId { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}

/// <summary>The charts the API draws of an SLA report, by the name in their address.</summary>
public static class SlaChartNames
{
    public const string Attainment = "attainment";
    public const string Causes = "causes";
    public const string Trend = "trend";

    public static IReadOnlyList<string> All { get; } = [Attainment, Causes, Trend];
}
