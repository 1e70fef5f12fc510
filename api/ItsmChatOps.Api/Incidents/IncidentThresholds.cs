using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// SLA warnings and breaches (SLM-09): each running target passes its warning shares (default 75% and
/// 90%) and then 100%. Every threshold fires once per target per record; it re-arms only when the due time
/// moves later (a pause, a reopen, a lower priority). A breach stamps the flag that closure needs a cause for.
/// </summary>
public static class IncidentThresholds
{
    /// <summary>Thresholds not yet fired for the current due times, with the instant each is reached.</summary>
    public static IEnumerable<(SlaTargetKind Target, double Share, DateTimeOffset At, DateTimeOffset DueAt)> Pending(Incident incident, IncidentSettings settings, DateTimeOffset now)
    {
        if (!incident.Open || incident.State == IncidentState.Resolved)
        {
            yield break;
        }

        var target = settings.Targets.For(incident.Priority);
        var clock = settings.ClockFor(incident.Priority);
        var shares = settings.Rules.WarningShares.Append(1.0).Distinct().Order().ToList();
        if (incident.RespondedAt is null && incident.ResponseDue is { } responseDue)
        {
            var span = clock.Span(target.Response);
            foreach (var share in shares.Where(s => !Fired(incident, SlaTargetKind.Response, s, responseDue)))
            {
                yield return (SlaTargetKind.Response, share, clock.Add(incident.CreatedAt, span * share), responseDue);
            }
        }

        if (incident.OpenResolutionDue is { } resolutionDue)
        {
            var span = clock.Span(target.Resolution);
            var paused = incident.Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + clock.Between(p.Start, p.End ?? now));
            foreach (var share in shares.Where(s => !Fired(incident, SlaTargetKind.Resolution, s, resolutionDue)))
            {
                yield return (SlaTargetKind.Resolution, share, clock.Add(incident.CreatedAt, span * share + paused), resolutionDue);
            }
        }
    }

    /// <summary>Announces every threshold reached by <paramref name="now"/>; the group's lead is told of breaches.</summary>
    public static void Fire(Incident incident, IncidentSettings settings, DateTimeOffset now, string? groupLeadId)
    {
        foreach (var (target, share, _, dueAt) in Pending(incident, settings, now).Where(p => p.At <= now).ToList())
        {
            incident.FiredThresholds.RemoveAll(f => f.Target == target && f.Share == share);
            incident.FiredThresholds.Add(new FiredThreshold(target, share, dueAt, now));
            var data = new JsonObject { ["target"] = target.ToString(), ["share"] = share, ["dueAt"] = UtcTimestampConverter.Text(dueAt), ["priority"] = incident.Priority.ToString() };
            if (share < 1.0)
            {
                incident.Raise(Actor.System, now, "SlaWarning", EventVisibility.Internal, notify: Notify.Worker(incident), data: data);
                continue;
            }

            var before = target == SlaTargetKind.Response ? incident.ResponseBreached : incident.ResolutionBreached;
            if (target == SlaTargetKind.Response)
            {
                incident.ResponseBreached = true;
            }
            else
            {
                incident.ResolutionBreached = true;
            }

            var notify = new List<string> { Notify.Role(ItsmRole.IncidentManager) };
            if (groupLeadId is not null)
            {
                notify.Add(groupLeadId);
            }

            if (incident.Priority is Priority.P1 or Priority.P2 && settings.Sla is { } sla)
            {
                notify.AddRange(sla.ContactsFor(incident.Priority));
            }

            incident.Raise(Actor.System, now, "SlaBreached", EventVisibility.Internal,
                [RecordDocument.Change($"{char.ToLowerInvariant(target.ToString()[0])}{target.ToString()[1..]}Breached", before, true)], notify, data);
        }
    }

    private static bool Fired(Incident incident, SlaTargetKind target, double share, DateTimeOffset dueAt) =>
        incident.FiredThresholds.Any(f => f.Target == target && f.Share == share && f.DueAt >= dueAt);
}
