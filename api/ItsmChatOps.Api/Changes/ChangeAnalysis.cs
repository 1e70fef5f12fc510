using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.ConfigurationItems;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Relationships;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.ServiceLevels;

namespace ItsmChatOps.Api.Changes;

/// <summary>What a change touches and what it clashes with, found from the records as they are now.</summary>
public sealed record ChangeAnalysisResult(
    IReadOnlyList<ConfigurationItem> OwnCis,
    ChangeImpact Impact,
    IReadOnlyList<Service> AffectedServices,
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<ScheduleConflict> Conflicts,
    IReadOnlyList<BlackoutHit> Blackouts,
    IReadOnlyList<string> RequiredAssessments,
    IReadOnlyList<string> OutageInServiceHoursServiceIds,
    IReadOnlyList<string> SupportGroupIds);

/// <summary>
/// The computed part of a change's assessment (CHG-03, CHG-07, CHG-08): affected CIs and services through relationships
/// (CFG-03) with their customers and agreements; overlapping changes on the same or dependent CIs and services;
/// freeze and critical periods; the conditional assessments the rules require; and whether a declared outage falls in
/// the service hours of an affected service.
/// </summary>
public sealed class ChangeAnalysis(RelationshipGraph graph, CiStore cis, ServiceStore services, PeopleStore people, PolicyStore policies, ChangeStore changes)
{
    /// <summary>States whose windows are taken: changes there clash with a new one.</summary>
    public static readonly ChangeState[] ActiveStates =
        [ChangeState.Assessed, ChangeState.PendingApproval, ChangeState.Approved, ChangeState.Scheduled, ChangeState.Implementing];

    public async Task<ChangeAnalysisResult> AnalyzeAsync(Change change, ChangePolicy policy, ChangeWindow? window, CancellationToken cancellationToken)
    {
        var own = new List<ConfigurationItem>();
        foreach (var id in change.CiIds)
        {
            own.AddRange(await cis.GetAsync(id, cancellationToken) is { } ci ? [ci] : []);
        }

        var up = await graph.ImpactAsync([.. change.CiIds, .. change.ServiceIds], ImpactDirection.Up, policy.ImpactDepth, cancellationToken);
        var down = await graph.ImpactAsync(change.CiIds, ImpactDirection.Down, policy.ImpactDepth, cancellationToken);
        var catalogue = await services.AllAsync(cancellationToken);
        var affected = catalogue.Where(s => change.ServiceIds.Contains(s.Id)).Concat(up.Services.Select(n => n.Record)).DistinctBy(s => s.Id).ToList();
        var customers = new List<Customer>();
        foreach (var customerId in affected.SelectMany(s => s.CustomerIds).Distinct())
        {
            customers.AddRange(await people.GetCustomerAsync(customerId, cancellationToken) is { } customer ? [customer] : []);
        }

        var impact = new ChangeImpact(
            up.Cis.Select(n => ToImpacted(n.Record, n.Distance, n.Via)).ToList(),
            affected.Select(s => new ImpactedService(s.Id, s.Name, s.Criticality, s.OwnerId, s.CustomerIds,
                up.Services.FirstOrDefault(n => n.Record.Id == s.Id)?.Distance ?? 0)).ToList(),
            customers.Select(c => new NamedRef(c.Id, c.Name)).ToList(),
            [.. affected.SelectMany(s => customers.Where(c => s.CustomerIds.Contains(c.Id))
                .Select(c => new AffectedAgreementView(s.Id, s.Name, c.Id, c.Name, s.CalendarId, s.HeadlineTargets)))]);
        var closure = new HashSet<string>([.. change.CiIds, .. up.Ids, .. down.Ids, .. affected.Select(s => s.Id)], StringComparer.Ordinal);
        var blackouts = window is null ? [] : await BlackoutsAsync(window, affected, cancellationToken);
        var conflicts = window is null ? [] : await ConflictsAsync(change, window, closure, cancellationToken);
        return new(own, impact, affected, customers, conflicts, blackouts, RequiredAssessments(own, up, policy),
            await OutageServicesAsync(change.Outage, affected, cancellationToken),
            [.. own.Concat(up.Cis.Select(n => n.Record)).Select(c => c.SupportGroupId).OfType<string>().Distinct()]);
    }

    public static ImpactedCi ToImpacted(ConfigurationItem ci, int distance, RelationshipKind via) =>
        new(ci.Id, ci.Name, ci.TypeId, ci.State, ci.Criticality, ci.OwnerId, distance, via);

    private async Task<IReadOnlyList<BlackoutHit>> BlackoutsAsync(ChangeWindow window, IReadOnlyList<Service> affected, CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync<BlackoutPolicy>(BlackoutPolicy.Kind, cancellationToken);
        return policy.Periods
            .Where(p => window.Overlaps(new ChangeWindow(p.Start, p.End)))
            .Where(p => p.ServiceIds.Count == 0 || p.ServiceIds.Any(id => affected.Any(s => s.Id == id)))
            .Select(p => new BlackoutHit(p.Name, p.Kind, new ChangeWindow(p.Start, p.End), p.ServiceIds))
            .ToList();
    }

    /// <summary>Other changes whose window overlaps and which touch the same or dependent CIs or services; suggested order: urgency, then risk (CHG-08).</summary>
    private async Task<IReadOnlyList<ScheduleConflict>> ConflictsAsync(Change change, ChangeWindow window, HashSet<string> closure, CancellationToken cancellationToken)
    {
        var overlapping = (await changes.OverlappingAsync(window.Start, window.End, ActiveStates, null, cancellationToken))
            .Where(other => other.Id != change.Id)
            .Select(other => (Change: other, Shared: other.CiIds.Concat(other.AffectedServiceIds).Where(closure.Contains).Distinct().ToList()))
            .Where(x => x.Shared.Count > 0)
            .ToList();
        var ordered = overlapping.Select(x => x.Change).Append(change)
            .OrderBy(c => c.Urgency ?? Urgency.Low).ThenByDescending(c => c.Risk?.Level ?? RiskLevel.Low).ThenBy(c => c.CreatedAt)
            .Select(c => c.Id).ToList();
        return overlapping.Select(x => new ScheduleConflict(x.Change.Id, x.Change.Title, x.Change.State, x.Change.Window!, x.Shared, ordered.IndexOf(x.Change.Id) + 1)).ToList();
    }

    /// <summary>SEC-06: a change reaching a security component needs a security impact assessment.</summary>
    private static List<string> RequiredAssessments(IReadOnlyList<ConfigurationItem> own, ImpactResult up, ChangePolicy policy) =>
        own.Concat(up.Cis.Select(n => n.Record)).Any(ci => policy.SecurityAssessmentCiTypes.Contains(ci.TypeId, StringComparer.OrdinalIgnoreCase))
            ? ["security"]
            : [];

    /// <summary>CHG-07: the affected services whose service hours the declared outage overlaps, on each service's calendar.</summary>
    private async Task<IReadOnlyList<string>> OutageServicesAsync(ChangeWindow? outage, IReadOnlyList<Service> affected, CancellationToken cancellationToken)
    {
        if (outage is null)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var service in affected)
        {
            var (calendar, _) = await policies.CurrentAsync<CalendarPolicy>(PolicyKinds.Calendar(service.CalendarId), cancellationToken);
            if (new SlaClock(calendar, twentyFourSeven: false).Between(outage.Start, outage.End) > TimeSpan.Zero)
            {
                result.Add(service.Id);
            }
        }

        return result;
    }
}
