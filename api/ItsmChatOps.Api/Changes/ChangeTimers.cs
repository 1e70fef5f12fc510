using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>
/// The timers of changes: approval lapse after the approved window (CHG-06), the service desk's reminder the day
/// before (CHG-09), and the reminder and deadline of an emergency change's retrospective fields (CHG-14). Each change
/// stores its next timer, so the worker reads only the due ones through an index; a lease keeps it to one instance.
/// </summary>
public sealed class ChangeTimers(ChangeStore store, ChangeService changes, Leases leases, TimeProvider time, ILogger<ChangeTimers> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Fires every due timer; returns how many changes were looked at. One pass at a time in this process.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryAcquireAsync("change-timers", Interval * 3, cancellationToken))
            {
                return 0;
            }

            var fired = 0;
            foreach (var due in await store.DueTimersAsync(time.GetUtcNow(), 200, cancellationToken))
            {
                await changes.ChangeAsSystemAsync(due.Id, Fire, cancellationToken);
                fired++;
            }

            return fired;
        }
        finally
        {
            _running.Release();
        }
    }

    public static void Fire(Change change, ChangePolicy policy, DateTimeOffset now)
    {
        if (LapsesAt(change, policy) is { } lapse && now >= lapse)
        {
            ChangeApprovals.Void(change, Actor.System, "ChangeApprovalLapsed",
                $"Implementation did not start within {policy.ApprovalLapseDays} days after the approved window ended.", now);
        }

        if (ReminderAt(change, policy) is { } reminder && now >= reminder)
        {
            change.ReminderSentFor = change.Window!.Start;
            change.Raise(Actor.System, now, "ChangeReminderDue", EventVisibility.Internal,
                notify: [Notify.Group(policy.ServiceDeskGroupId), .. ChangeNotify.Implementer(change)],
                data: new JsonObject { ["start"] = Client.UtcTimestampConverter.Text(change.Window.Start), ["end"] = Client.UtcTimestampConverter.Text(change.Window.End) });
        }

        if (RetrospectivePending(change) && change.RetrospectiveReminderAt is { } remindAt && now >= remindAt && !change.RetrospectiveReminderSent)
        {
            change.RetrospectiveReminderSent = true;
            change.Raise(Actor.System, now, "EmergencyRetrospectiveReminder", EventVisibility.Internal,
                notify: [.. ChangeNotify.Implementer(change), policy.ChangeManagerId],
                data: new JsonObject { ["fields"] = ChangeApprovals.Ids(change.RetrospectiveFields), ["deadline"] = Client.UtcTimestampConverter.Text(change.RetrospectiveDeadline!.Value) });
        }

        if (RetrospectivePending(change) && change.RetrospectiveDeadline is { } deadline && now >= deadline && !change.RetrospectiveOverdue)
        {
            // CHG-14, RPT-08: documentation or review still missing after the deadline is reported.
            change.RetrospectiveOverdue = true;
            change.Raise(Actor.System, now, "EmergencyReviewOverdue", EventVisibility.Internal,
                notify: [policy.ChangeManagerId, .. ChangeNotify.Implementer(change)],
                data: new JsonObject { ["fields"] = ChangeApprovals.Ids(change.RetrospectiveFields), ["reviewed"] = false });
        }

        Schedule(change, policy);
    }

    /// <summary>Stores the next time anything is due for the change (never, when nothing is).</summary>
    public static void Schedule(Change change, ChangePolicy policy)
    {
        var candidates = new[]
        {
            LapsesAt(change, policy),
            ReminderAt(change, policy),
            RetrospectivePending(change) && !change.RetrospectiveReminderSent ? change.RetrospectiveReminderAt : null,
            RetrospectivePending(change) && !change.RetrospectiveOverdue ? change.RetrospectiveDeadline : null,
        };
        change.NextTimerAt = candidates.OfType<DateTimeOffset>().DefaultIfEmpty(Change.Never).Min();
    }

    private static DateTimeOffset? LapsesAt(Change change, ChangePolicy policy) =>
        change.State is ChangeState.Approved or ChangeState.Scheduled && change.ActualStart is null && change.ApprovedWindow is { } approved
            ? approved.End + TimeSpan.FromDays(policy.ApprovalLapseDays)
            : null;

    private static DateTimeOffset? ReminderAt(Change change, ChangePolicy policy) =>
        change.State == ChangeState.Scheduled && change.Window is { } window && change.ReminderSentFor != window.Start
            ? window.Start - TimeSpan.FromHours(policy.ReminderHoursBefore)
            : null;

    /// <summary>An emergency change that has started and is not closed still owes its review, and maybe fields.</summary>
    private static bool RetrospectivePending(Change change) =>
        change.Model == ChangeModel.Emergency && change.ActualStart is not null && change.State != ChangeState.Closed && change.RetrospectiveDeadline is not null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(RunDueAsync, (delay, ct) => Task.Delay(delay, time, ct), Interval, Interval, logger, "Change timers", stoppingToken);
}
