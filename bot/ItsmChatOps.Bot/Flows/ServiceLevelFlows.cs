using System.Globalization;
using System.Text.RegularExpressions;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Reporting;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using Priority = ItsmChatOps.Bot.Cards.ViewModels.Priority;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// Service levels in chat: the at-risk view (RPT-03) for one team or all, and the SLA report (RPT-02) for a
/// service or everything over a period, with one chart at a time the card can switch in place.
/// The API decides who may see what; its refusals come back in plain words.
/// </summary>
public sealed partial class ServiceLevelFlows(ItsmApiClient api, Catalog catalog, TimeProvider time)
{
    /// <summary>Rows a card lists at most; the card says how many more there are.</summary>
    public const int MaxRows = 10;

    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(28);

    public async Task<Reply> AtRiskAsync(ChatUser user, string? teamWords, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            string? groupId = null;
            var scope = "all teams";
            if (!string.IsNullOrWhiteSpace(teamWords))
            {
                var groups = await session.GroupsAsync(cancellationToken);
                if (Best(groups, g => g.Name, g => g.Id, teamWords) is not { } group)
                {
                    return Reply.Say($"I don't know a team called \"{teamWords.Trim()}\". Teams: {string.Join(", ", groups.Select(g => g.Name))}.");
                }

                (groupId, scope) = (group.Id, group.Name);
            }

            var items = await session.AtRiskAsync(groupId, cancellationToken: cancellationToken);
            return Reply.Show(await AtRiskCardAsync(session, scope, items, isDigest: false, cancellationToken));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    public async Task<AtRiskCard> AtRiskCardAsync(ItsmApiSession session, string scope, IReadOnlyList<AtRiskItem> items, bool isDigest, CancellationToken cancellationToken)
    {
        var rows = new List<AtRiskRow>();
        foreach (var item in items.Take(MaxRows))
        {
            rows.Add(new AtRiskRow(item.IncidentId, item.Summary, Enum.Parse<Priority>(item.Priority.ToString()),
                await catalog.GroupNameAsync(session, item.GroupId, cancellationToken), item.Target, item.DueAt, item.MinutesLeft < 0,
                item.MinutesLeft < 0 ? $"{Duration(-item.MinutesLeft)} overdue" : $"{Duration(item.MinutesLeft)} left",
                (int)Math.Round(item.ShareElapsed * 100)));
        }

        return new AtRiskCard(scope, rows, items.Count, time.GetUtcNow(), isDigest);
    }

    /// <summary>"sla report", "sla report vpn", "sla report email 7 days", "sla report 12 weeks".</summary>
    public async Task<Reply> ReportAsync(ChatUser user, string? words, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        var text = words?.Trim() ?? string.Empty;
        var period = DefaultPeriod;
        if (Period().Match(text) is { Success: true } match)
        {
            var count = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            period = match.Groups["unit"].Value.StartsWith('w') ? TimeSpan.FromDays(7 * count) : TimeSpan.FromDays(count);
            if (count < 1 || period > TimeSpan.FromDays(366))
            {
                return Reply.Say("Give a period from 1 day to a year, for example *sla report vpn 14 days*.");
            }

            text = text[..match.Index].Trim();
        }

        try
        {
            string? serviceId = null;
            if (text.Length > 0)
            {
                var services = await session.ServicesAsync(cancellationToken);
                if (Best(services, s => s.Name, s => s.Id, text) is not { } service)
                {
                    return Reply.Say($"I don't know a service called \"{text}\". Services: {string.Join(", ", services.Where(s => s.Id != Catalog.UnknownServiceId).Select(s => s.Name))}.");
                }

                serviceId = service.Id;
            }

            var to = time.GetUtcNow();
            var query = new SlaReportQuery { ServiceId = serviceId, From = to - period, To = to };
            return Reply.Show(await ReportCardAsync(session, query, SlaChartNames.Attainment, cancellationToken));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>The same report with another chart: the card's buttons carry the report's arguments.</summary>
    public async Task<Reply> ChartAsync(ChatUser user, string? chart, string? serviceId, string? from, string? to, CancellationToken cancellationToken)
    {
        if (chart is null || !SlaChartNames.All.Contains(chart) || !Instant(from, out var start) || !Instant(to, out var end))
        {
            return Reply.Say("That chart button is out of date. Ask for *sla report* again.");
        }

        try
        {
            var query = new SlaReportQuery { ServiceId = string.IsNullOrEmpty(serviceId) ? null : serviceId, From = start, To = end };
            return Reply.Show(await ReportCardAsync(user.Session(api), query, chart, cancellationToken));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    private async Task<SlaReportCard> ReportCardAsync(ItsmApiSession session, SlaReportQuery query, string chart, CancellationToken cancellationToken)
    {
        var report = await session.SlaReportAsync(query, cancellationToken);
        var image = await session.SlaChartAsync(chart, query, cancellationToken);
        var scope = report.ServiceId is { } service ? await catalog.ServiceNameAsync(session, service, cancellationToken) ?? service
            : report.CustomerId is not null ? "your organisation's services" : "all services";
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["serviceId"] = report.ServiceId ?? string.Empty,
            ["from"] = UtcTimestampConverter.Text(report.From),
            ["to"] = UtcTimestampConverter.Text(report.To),
        };
        return new SlaReportCard(
            scope,
            report.From,
            report.To,
            report.Incidents,
            [.. report.ByPriority.Select(p => new SlaPriorityRow(Enum.Parse<Priority>(p.Priority.ToString()), p.Count,
                Percent(p.RespondedWithinTarget), Percent(p.ResolvedWithinTarget), p.Breached))],
            [.. report.BreachesByCause.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(5).Select(c => new SlaCauseRow(c.Key, c.Value))],
            report.SatisfactionAverage is { } average
                ? string.Create(CultureInfo.InvariantCulture, $"{average:0.0} of 5 ({report.SatisfactionResponses} answers)")
                : null,
            chart,
            SlaReportCharts.Titles[chart],
            "data:image/png;base64," + Convert.ToBase64String(image),
            arguments);
    }

    /// <summary>The entry whose name or id matches the words best: exact, then starting with them, then containing them.</summary>
    private static T? Best<T>(IEnumerable<T> entries, Func<T, string> name, Func<T, string> id, string words) where T : class
    {
        var wanted = words.Trim();
        var list = entries.ToList();
        return list.FirstOrDefault(e => string.Equals(name(e), wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(id(e), wanted, StringComparison.OrdinalIgnoreCase))
            ?? list.FirstOrDefault(e => name(e).StartsWith(wanted, StringComparison.OrdinalIgnoreCase))
            ?? list.FirstOrDefault(e => name(e).Contains(wanted, StringComparison.OrdinalIgnoreCase) || id(e).Contains(wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static string Percent(double? share) => share is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:0}%") : "–";

    /// <summary>"45 min", "3 h 05 min", "2 d 4 h".</summary>
    public static string Duration(double minutes)
    {
        var span = TimeSpan.FromMinutes(Math.Max(0, Math.Round(minutes)));
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
            : $"{span.Minutes} min";
    }

    private static bool Instant(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    [GeneratedRegex(@"(?:^|\s)(?:last\s+|past\s+)?(?<n>\d{1,3})\s*(?<unit>d|days?|w|weeks?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Period();
}
