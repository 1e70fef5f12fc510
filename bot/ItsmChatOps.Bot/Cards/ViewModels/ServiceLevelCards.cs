namespace ItsmChatOps.Bot.Cards.ViewModels;

public enum SlaAlertKind
{
    /// <summary>A share of the target's time has gone (75% and 90% by default) and the target is still ahead.</summary>
    Warning,

    /// <summary>The target has passed.</summary>
    Breached,
}

/// <summary>
/// A target about to be missed, or missed (SLM-09, SLM-10): sent to whoever works the incident, and on a breach
/// to the group lead, the incident managers and the SLA's contacts. <see cref="Percent"/> is the share of the
/// target's service time gone when the threshold fired.
/// </summary>
public sealed record SlaAlertCard(SlaAlertKind Kind, IncidentView Incident, string Target, int Percent, DateTimeOffset DueAt) : ICardModel
{
    public static string TemplateName => "sla-alert";

    /// <summary>"resolution" or "response", as the sentence says it.</summary>
    public string TargetText => Target.ToLowerInvariant();
}

/// <summary>
/// The at-risk view (RPT-03): open records expected to breach soon or past their at-risk share, soonest first.
/// <see cref="IsDigest"/> marks the daily digest sent to a group's members.
/// </summary>
public sealed record AtRiskCard(string Scope, IReadOnlyList<AtRiskRow> Items, int TotalCount, DateTimeOffset At, bool IsDigest) : ICardModel
{
    public static string TemplateName => "at-risk";
}

/// <summary>One record at risk; <see cref="TimeLeft"/> reads "1 h 20 min left" or "35 min overdue" as of the card's time.</summary>
public sealed record AtRiskRow(string IncidentId, string Summary, Priority Priority, string? Team, string Target, DateTimeOffset DueAt, bool Overdue,
    string TimeLeft, int PercentElapsed)
{
    /// <summary>Which target, and the team when one holds it: "Resolution · Network team".</summary>
    public string Where => Team is null ? Target : $"{Target} · {Team}";
}

/// <summary>
/// SLA performance over a period (RPT-02): attainment by priority, the commonest breach causes and one chart
/// at a time (attainment, causes or trend) as an image the card carries; its buttons switch the chart in place.
/// </summary>
public sealed record SlaReportCard(
    string Scope,
    DateTimeOffset From,
    DateTimeOffset To,
    int Incidents,
    IReadOnlyList<SlaPriorityRow> ByPriority,
    IReadOnlyList<SlaCauseRow> Causes,
    string? Satisfaction,
    string Chart,
    string ChartTitle,
    string ChartImage,
    IReadOnlyDictionary<string, string> Arguments) : ICardModel
{
    public static string TemplateName => "sla-report";

    /// <summary>The chart buttons: every chart but the one shown, each with the report's arguments.</summary>
    public IReadOnlyList<MessageAction> ChartActions => [.. SlaReportCharts.Titles.Where(c => c.Key != Chart)
        .Select(c => new MessageAction(c.Value, CardVerbs.SlaChart, new Dictionary<string, string>(Arguments, StringComparer.Ordinal) { ["chart"] = c.Key }))];
}

/// <summary>Within-target shares as text ("92%", or "–" when nothing has been responded to or resolved yet).</summary>
public sealed record SlaPriorityRow(Priority Priority, int Count, string Responded, string Resolved, int Breached);

public sealed record SlaCauseRow(string Cause, int Count);

/// <summary>The charts a report card can show, by the name the API draws them under, with the title the card gives them.</summary>
public static class SlaReportCharts
{
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["attainment"] = "Within target by priority",
        ["causes"] = "Breaches by cause",
        ["trend"] = "Weekly trend",
    };
}
