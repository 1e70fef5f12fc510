using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// The timers of incidents: SLA warnings and breaches (SLM-09), the confirmation reminder and the
/// automatic close when the window expires after a delivered request (INC-05), and reminders when an
/// active incident has had no customer-visible update for its interval (INC-11). Each incident stores its
/// next timer, so the worker reads only the due ones through an index (however many records are open),
/// and a lease keeps it to one API instance at a time.
/// </summary>
public sealed class IncidentTimers(IncidentStore store, IncidentService incidents, People.PeopleStore people, Leases leases, TimeProvider time,
    ILogger<IncidentTimers> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Fires every due timer; returns how many incidents changed. Runs in this process one pass at a time.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryAcquireAsync("incident-timers", Interval * 3, cancellationToken))
            {
                return 0;
            }

            var fired = 0;
            foreach (var due in await store.DueTimersAsync(time.GetUtcNow(), 200, cancellationToken))
            {
                var lead = due.GroupId is null ? null : (await people.GetGroupAsync(due.GroupId, cancellationToken))?.LeadId;
                await incidents.ChangeAsSystemAsync(due.Id, (incident, settings, now) => Fire(incident, settings, now, lead), cancellationToken);
                fired++;
            }

            return fired;
        }
        finally
        {
            _running.Release();
        }
    }

    public static void Fire(Incident incident, IncidentSettings settings, DateTimeOffset now, string? groupLeadId)
    {
        IncidentThresholds.Fire(incident, settings, now, groupLeadId);
        if (IncidentClock.ConfirmationTimes(incident, settings) is var (reminderAt, autoCloseAt))
        {
            if (now >= autoCloseAt && !incident.AutoCloseBlocked)
            {
                try
                {
                    IncidentLifecycle.Close(incident, ClosureMethod.TimedOut, Actor.System, "The confirmation window expired after the request was delivered.", null, null, settings, now);
                }
                catch (ProblemException blocked)
                {
                    incident.AutoCloseBlocked = true;
                    incident.NeedsServiceDeskContact = true;
                    incident.Raise(Actor.System, now, "AutoCloseBlocked", EventVisibility.Internal, notify: [Notify.Group(incident.OwnerGroupId ?? "grp-servicedesk")],
                        data: new JsonObject { ["reason"] = blocked.Detail, ["requirements"] = string.Join(",", blocked.Requirements) });
                }
            }
            else if (now >= reminderAt && incident.Confirmation!.ReminderSentAt is null)
            {
                incident.Confirmation = incident.Confirmation with { ReminderSentAt = now };
                incident.Raise(Actor.System, now, "ConfirmationReminderDue", EventVisibility.Public, notify: [incident.ReporterId],
                    data: new JsonObject { ["autoCloseAt"] = Client.UtcTimestampConverter.Text(autoCloseAt) });
            }
        }

        if (IncidentClock.UpdateDueAt(incident, settings) is { } updateDue && now >= updateDue)
        {
            incident.MissedUpdates++;
            incident.LastUpdateReminderAt = now;
            incident.Raise(Actor.System, now, "UpdateReminderDue", EventVisibility.Internal,
                [RecordDocument.Change("missedUpdates", incident.MissedUpdates - 1, incident.MissedUpdates)], Notify.Worker(incident));
        }

    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(RunDueAsync, (delay, ct) => Task.Delay(delay, time, ct), Interval, Interval, logger, "Incident timers", stoppingToken);
}
