using System.Globalization;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Reporting;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Surveys;

namespace ItsmChatOps.Api.Reporting;

/// <summary>Builds the SLA performance report (RPT-02) for a service or a customer's services over a period.</summary>
public sealed class SlaReporter(IncidentStore incidents, ServiceStore services, SurveyService surveys, TimeProvider time)
{
    public async Task<SlaReport> BuildAsync(string? serviceId, string? customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var serviceIds = serviceId is not null ? [serviceId]
            : customerId is not null ? await services.ServiceIdsOfCustomerAsync(customerId, cancellationToken)
            : (await services.AllAsync(cancellationToken)).Select(s => s.Id).ToList();
        var selected = new List<Incident>();
        await foreach (var stored in incidents.QueryAllAsync(new DocumentQuery
        {
            Where =
            [
                new In("serviceId", serviceIds.Select(s => JsonValue.Create(s)).ToList()),
                new Compare("createdAt", CompareOp.GreaterOrEqual, JsonValue.Create(UtcTimestampConverter.Text(from))),
                new Compare("createdAt", CompareOp.LessThan, JsonValue.Create(UtcTimestampConverter.Text(to))),
                new Compare("state", CompareOp.NotEqual, JsonValue.Create("Cancelled")),
            ],
            OrderBy = [new SortKey("createdAt", Descending: true)],
            PageSize = 500,
        }, cancellationToken))
        {
            selected.Add(stored.Value);
        }

        var now = time.GetUtcNow();
        var (satisfaction, responses) = await surveys.AverageAsync(serviceIds, from, to, cancellationToken);
        return new SlaReport
        {
            GeneratedAt = now,
            From = from,
            To = to,
            ServiceId = serviceId,
            CustomerId = customerId,
            Incidents = selected.Count,
            ByPriority = Enum.GetValues<Client.Priority>().Select(p => Attainment(p, selected.Where(i => i.Priority == p).ToList(), now)).ToList(),
            Breaches = selected.Where(i => Breached(i, now)).OrderBy(i => i.Id, StringComparer.Ordinal)
                .Select(i => new BreachLine(i.Id, i.Priority, IncidentMapping.Flags(i, now).ResponseBreached, IncidentMapping.Flags(i, now).ResolutionBreached, i.BreachCause, i.BreachNote))
                .ToList(),
            BreachesByCause = selected.Where(i => Breached(i, now)).GroupBy(i => i.BreachCause ?? "Not recorded yet")
                .OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            Trend = selected.GroupBy(i => Week(i.CreatedAt)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new WeekTrend(g.Key, g.Count(), g.Count(i => i.ResolvedAt is not null), Share(g.Where(i => i.ResolvedAt is not null).ToList(), i => !i.ResolutionBreached)))
                .ToList(),
            SatisfactionAverage = satisfaction,
            SatisfactionResponses = responses,
            NotCovered = ["OLA breaches (SLM-15: supporting agreements are not recorded yet)", "Availability against target (AVL-02: outages are not recorded yet)"],
        };
    }

    public static bool Breached(Incident incident, DateTimeOffset now)
    {
        var flags = IncidentMapping.Flags(incident, now);
        return flags.ResponseBreached || flags.ResolutionBreached;
    }

    private static PriorityAttainment Attainment(Client.Priority priority, List<Incident> incidents, DateTimeOffset now)
    {
        var responded = incidents.Where(i => i.RespondedAt is not null).ToList();
        var resolved = incidents.Where(i => i.ResolvedAt is not null || i.Closure is not null).ToList();
        return new PriorityAttainment(priority, incidents.Count, responded.Count, Share(responded, i => !i.ResponseBreached),
            resolved.Count, Share(resolved, i => !i.ResolutionBreached), incidents.Count(i => Breached(i, now)));
    }

    private static double? Share(List<Incident> incidents, Func<Incident, bool> within) =>
        incidents.Count == 0 ? null : Math.Round(100.0 * incidents.Count(within) / incidents.Count, 1);

    private static string Week(DateTimeOffset at) =>
        $"{ISOWeek.GetYear(at.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(at.UtcDateTime):D2}";
}
