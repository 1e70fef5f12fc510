using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// The timers of a major incident: the update reminder and missed updates (MAJ-06), unacknowledged
/// escalations (MAJ-07) and the overdue review (MAJ-09). The record stores its next timer for the indexed worker.
/// </summary>
public static class MajorIncidentClock
{
    public static void Fire(MajorIncident major, MajorIncidentPolicy policy, DateTimeOffset now)
    {
        FireUpdates(major, policy, now);
        FireEscalations(major, policy, now);
        MajorIncidentReviews.FireOverdue(major, now);
    }

    /// <summary>MAJ-07: the person asked acknowledges; logged with the time.</summary>
    public static void Acknowledge(MajorIncident major, Caller caller, DateTimeOffset now)
    {
        var index = major.Escalations.FindIndex(e => e.PersonId == caller.Id);
        if (index < 0)
        {
            throw Problems.Forbidden("You were not asked to acknowledge this major incident.", "MAJ-07", "SEC-01");
        }

        if (major.Escalations[index].AcknowledgedAt is not null)
        {
            return;
        }

        major.Escalations = major.Escalations.Select(e => e.PersonId == caller.Id ? e with { AcknowledgedAt = now } : e).ToList();
        major.Raise(caller.Actor, now, "EscalationAcknowledged", EventVisibility.Internal, data: new JsonObject
        {
            ["incidentId"] = major.IncidentId,
            ["personId"] = caller.Id,
            ["role"] = major.Escalations[index].Role.ToString(),
            ["acknowledgedAt"] = UtcTimestampConverter.Text(now),
        });
    }

    public static void ScheduleNextTimer(MajorIncident major, MajorIncidentPolicy policy)
    {
        var candidates = new List<DateTimeOffset>();
        if (major is { State: MajorIncidentState.Declared, NextUpdateDue: { } due })
        {
            candidates.Add(major.RemindedFor == due ? due : due.AddMinutes(-policy.ReminderBeforeMinutes));
        }

        if (major.State is MajorIncidentState.Declared or MajorIncidentState.Restored)
        {
            candidates.AddRange(major.Escalations.Where(Waiting).Select(e => e.NotifiedAt.AddMinutes(policy.AcknowledgeWithinMinutes)));
        }

        if (major is { State: MajorIncidentState.ReviewPending, Review: { CompletedAt: null, Overdue: false } review })
        {
            candidates.Add(review.DueAt);
        }

        major.NextTimerAt = candidates.Count > 0 ? candidates.Min() : MajorIncident.NoTimer;
    }

    /// <summary>MAJ-06: the manager is reminded before an update is due; a slot that passes without one counts as missed.</summary>
    private static void FireUpdates(MajorIncident major, MajorIncidentPolicy policy, DateTimeOffset now)
    {
        if (major is not { State: MajorIncidentState.Declared, NextUpdateDue: { } due })
        {
            return;
        }

        if (now >= due)
        {
            major.MissedUpdates++;
            major.NextUpdateDue = due.AddMinutes(policy.UpdateIntervalMinutes);
            major.RemindedFor = null;
            major.Raise(Actor.System, now, "MajorIncidentUpdateMissed", EventVisibility.Internal,
                [RecordDocument.Change("missedUpdates", major.MissedUpdates - 1, major.MissedUpdates)],
                [major.ManagerId!, Notify.Role(ItsmRole.IncidentManager)],
                new JsonObject { ["incidentId"] = major.IncidentId, ["missedUpdates"] = major.MissedUpdates, ["nextUpdateDue"] = UtcTimestampConverter.Text(major.NextUpdateDue.Value) });
        }
        else if (now >= due.AddMinutes(-policy.ReminderBeforeMinutes) && major.RemindedFor != due)
        {
            major.RemindedFor = due;
            major.Raise(Actor.System, now, "MajorIncidentUpdateReminder", EventVisibility.Internal, notify: [major.ManagerId!],
                data: new JsonObject { ["incidentId"] = major.IncidentId, ["nextUpdateDue"] = UtcTimestampConverter.Text(due) });
        }
    }

    /// <summary>MAJ-07: nobody acknowledged in time, so their deputy (or the incident managers) is told and asked in turn.</summary>
    private static void FireEscalations(MajorIncident major, MajorIncidentPolicy policy, DateTimeOffset now)
    {
        if (major.State is not (MajorIncidentState.Declared or MajorIncidentState.Restored))
        {
            return;
        }

        foreach (var late in major.Escalations.Where(e => Waiting(e) && now >= e.NotifiedAt.AddMinutes(policy.AcknowledgeWithinMinutes)).ToList())
        {
            var deputy = late.DeputyId is { } id && major.Escalations.All(e => e.PersonId != id) ? id : null;
            major.Escalations = major.Escalations.Select(e => e == late ? e with { EscalatedAt = now } : e).ToList();
            if (deputy is not null)
            {
                major.Escalations.Add(new Escalation(deputy, EscalationRole.Deputy, now, null, policy.Deputies.GetValueOrDefault(deputy), null));
            }

            major.Raise(Actor.System, now, "EscalationNotAcknowledged", EventVisibility.Internal,
                notify: [deputy ?? Notify.Role(ItsmRole.IncidentManager)], data: new JsonObject
                {
                    ["incidentId"] = major.IncidentId,
                    ["personId"] = late.PersonId,
                    ["role"] = late.Role.ToString(),
                    ["deputyId"] = deputy,
                    ["acknowledgeBy"] = UtcTimestampConverter.Text(now.AddMinutes(policy.AcknowledgeWithinMinutes)),
                });
        }
    }

    private static bool Waiting(Escalation escalation) => escalation is { AcknowledgedAt: null, EscalatedAt: null };
}
