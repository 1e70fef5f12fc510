using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Changes;

/// <summary>
/// The forward schedule of changes (CHG-08): every change with an approved window in the period, by start, with the
/// other entries it clashes with (overlapping windows on shared CIs or services) and a suggested order among them:
/// urgency first, then risk. Freeze and critical periods of the period are listed beside.
/// </summary>
public sealed class ChangeSchedule(ChangeStore changes, PolicyStore policies)
{
    public static readonly ChangeState[] Listed =
        [ChangeState.Approved, ChangeState.Scheduled, ChangeState.Implementing, ChangeState.Implemented, ChangeState.BackedOut, ChangeState.Review, ChangeState.Closed];

    public async Task<ScheduleResponse> BuildAsync(string? serviceId, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? visibleServiceIds,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<Condition> also = serviceId is null ? [] : [new ArrayContains("affectedServiceIds", JsonValue.Create(serviceId))];
        var found = (await changes.OverlappingAsync(from, to, Listed, also, cancellationToken))
            .Where(c => visibleServiceIds is null || c.AffectedServiceIds.Any(visibleServiceIds.Contains))
            .ToList();
        var entries = found.Select(change =>
        {
            var clashing = found.Where(other => other.Id != change.Id && other.Window!.Overlaps(change.Window!) && Shares(change, other)).ToList();
            var order = clashing.Append(change)
                .OrderBy(c => c.Urgency ?? Urgency.Low).ThenByDescending(c => c.Risk?.Level ?? RiskLevel.Low).ThenBy(c => c.Window!.Start)
                .ToList().IndexOf(change) + 1;
            return new ScheduleEntry(ChangeMapping.ToSummary(change), clashing.Select(c => c.Id).ToList(), order);
        }).ToList();
        var (blackouts, _) = await policies.CurrentAsync<BlackoutPolicy>(BlackoutPolicy.Kind, cancellationToken);
        var window = new ChangeWindow(from, to);
        var periods = blackouts.Periods
            .Where(p => window.Overlaps(new ChangeWindow(p.Start, p.End)) && (serviceId is null || p.ServiceIds.Count == 0 || p.ServiceIds.Contains(serviceId)))
            .Select(p => new BlackoutView(p.Name, p.Kind, new ChangeWindow(p.Start, p.End), p.ServiceIds))
            .ToList();
        return new ScheduleResponse(from, to, serviceId, entries, periods);
    }

    private static bool Shares(Change a, Change b) =>
        a.CiIds.Intersect(b.CiIds).Any() || a.AffectedServiceIds.Intersect(b.AffectedServiceIds).Any();
}
