using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// Due times and timers of an incident. Due times are always recomputed from the open time, the
/// snapshot's targets and the recorded pauses, so re-prioritising, pausing and reopening give the
/// same answer however often they happen (SLM-06, SLM-08, SLM-12, INC-17).
/// </summary>
public static class IncidentClock
{
    public static void StampDueTimes(Incident incident, IncidentSettings settings, DateTimeOffset now)
    {
        var target = settings.Targets.For(incident.Priority);
        var clock = settings.ClockFor(incident.Priority);
        var resolution = clock.Span(target.Resolution);
        var paused = incident.Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + clock.Between(p.Start, p.End ?? now));
        incident.ResponseDue = clock.Add(incident.CreatedAt, clock.Span(target.Response));
        incident.ResolutionDue = clock.Add(incident.CreatedAt, resolution + paused);
        incident.ResolutionAtRiskAt = clock.Add(incident.CreatedAt, resolution * settings.Rules.AtRiskShare + paused);
        incident.RefreshDerived();
        if (incident.Pauses.Any(p => p.End is null))
        {
            incident.OpenResolutionDue = null; // a paused clock cannot breach
        }
    }

    public static void StartPause(Incident incident, DateTimeOffset now, string reason) =>
        incident.Pauses.Add(new ClockPause(now, null, reason));

    public static void EndPause(Incident incident, IncidentSettings settings, DateTimeOffset now)
    {
        var open = incident.Pauses.FindIndex(p => p.End is null);
        if (open >= 0)
        {
            incident.Pauses[open] = incident.Pauses[open] with { End = now };
        }

        StampDueTimes(incident, settings, now);
    }

    /// <summary>Stamps whether the response target was met when the first response happens (INC-08).</summary>
    public static void RecordResponse(Incident incident, DateTimeOffset now)
    {
        if (incident.RespondedAt is null)
        {
            incident.RespondedAt = now;
            incident.ResponseBreached = incident.ResponseDue is { } due && now > due;
        }
    }

    /// <summary>The INC-05 window, counted in service days from the moment the request reached the reporter.</summary>
    public static (DateTimeOffset ReminderAt, DateTimeOffset AutoCloseAt)? ConfirmationTimes(Incident incident, IncidentSettings settings)
    {
        if (incident.State != IncidentState.Resolved || incident.Confirmation?.DeliveredAt is not { } delivered)
        {
            return null;
        }

        var days = settings.ServiceDays;
        var rules = settings.Rules;
        return (days.Add(delivered, days.Span(new(rules.ConfirmationReminderServiceDays, Policies.SpanUnit.Days))),
                days.Add(delivered, days.Span(new(rules.ConfirmationWindowServiceDays, Policies.SpanUnit.Days))));
    }

    /// <summary>When an active incident next needs a customer-visible update (INC-11); null when its priority needs none.</summary>
    public static DateTimeOffset? UpdateDueAt(Incident incident, IncidentSettings settings)
    {
        if (incident.State is not (IncidentState.Assigned or IncidentState.InProgress)
            || settings.Rules.UpdateIntervals.GetValueOrDefault(incident.Priority) is not { } interval)
        {
            return null;
        }

        var clock = settings.ClockFor(incident.Priority);
        var since = new[] { incident.LastPublicUpdateAt, incident.LastUpdateReminderAt }.Max() ?? incident.CreatedAt;
        return clock.Add(since, clock.Span(interval));
    }

    /// <summary>The soonest pending timer, or <see cref="Incident.NoTimer"/>.</summary>
    public static void ScheduleNextTimer(Incident incident, IncidentSettings settings, DateTimeOffset now)
    {
        var candidates = new List<DateTimeOffset>();
        incident.ConfirmationReminderAt = null;
        incident.ConfirmationAutoCloseAt = null;
        if (ConfirmationTimes(incident, settings) is var (reminderAt, autoCloseAt))
        {
            incident.ConfirmationReminderAt = reminderAt;
            incident.ConfirmationAutoCloseAt = autoCloseAt;
            if (incident.Confirmation!.ReminderSentAt is null)
            {
                candidates.Add(reminderAt);
            }

            if (!incident.AutoCloseBlocked)
            {
                candidates.Add(autoCloseAt);
            }
        }

        if (UpdateDueAt(incident, settings) is { } updateDue)
        {
            candidates.Add(updateDue);
        }

        candidates.AddRange(IncidentThresholds.Pending(incident, settings, now).Select(p => p.At));
        incident.OpenAtRiskAt = incident.OpenResolutionDue is null ? null : incident.ResolutionAtRiskAt;
        incident.NextTimerAt = candidates.Count > 0 ? candidates.Min() : Incident.NoTimer;
    }
}
