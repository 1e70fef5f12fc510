using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceLevels;
using static ItsmChatOps.Api.Changes.ChangeTransitions;

namespace ItsmChatOps.Api.Changes;

/// <summary>
/// Scheduling and implementation (CHG-08 … CHG-12, CHG-14): placing an approved change in its window over any
/// conflicts, the implementer's start inside the window, verification, backout and sign-off.
/// </summary>
public static class ChangeLifecycle
{
    public static void Apply(Change change, TransitionChangeRequest request, Caller caller, ChangeContext context, DateTimeOffset now)
    {
        var from = change.State;
        switch (request.To!.Value)
        {
            case ChangeState.Scheduled:
                ChangeAccess.RequireChangeManager(caller, "CHG-08", "schedules changes");
                var window = request.Window ?? change.Window ?? change.ApprovedWindow
                    ?? throw Problems.Unprocessable("Give the window to schedule the change in.", "CHG-08", "window");
                if (change.ApprovedWindow is { } approved && !window.Within(approved))
                {
                    throw Problems.Conflict($"That window is outside the approved one ({approved.Start:u} – {approved.End:u}); edit the change, which sends it back for approval.", "CHG-06");
                }

                Schedule(change, window, request.OverrideReason, caller.Actor, context.Analysis!, context.Policy, now);
                break;
            case ChangeState.Approved:
                ChangeAccess.RequireChangeManager(caller, "CHG-08", "takes a change off the schedule");
                var told = change.ScheduleAudience.ToList();
                change.Window = null;
                change.ScheduleAudience.Clear();
                Move(change, ChangeState.Approved, caller.Actor, "ChangeUnscheduled", now, told, new JsonObject { ["reason"] = request.Reason });
                break;
            case ChangeState.Implementing:
                Start(change, caller, context, now);
                break;
            case ChangeState.Implemented:
                RequireImplementer(change, caller);
                if (request.Verification is not { Results: { } results, Passed: { } passed })
                {
                    throw Problems.Unprocessable("Record the verification results against the test plan (CHG-11).", "CHG-11", "verification");
                }

                change.Verification = new(results, passed, caller.Id, now);
                change.ActualEnd = now;
                Move(change, ChangeState.Implemented, caller.Actor, "ChangeImplemented", now,
                    [.. Verifiers(change), context.Policy.ChangeManagerId], new JsonObject { ["passed"] = passed });
                break;
            case ChangeState.BackedOut:
                RequireImplementer(change, caller);
                if (string.IsNullOrWhiteSpace(request.BackoutLog))
                {
                    throw Problems.Unprocessable("Say what was done to back the change out (the backout log) (CHG-12).", "CHG-12", "backoutLog");
                }

                change.BackoutLog = request.BackoutLog;
                change.ActualEnd ??= now;
                Move(change, ChangeState.BackedOut, caller.Actor, "ChangeBackedOut", now,
                    [Notify.Role(ItsmRole.ProblemManager), context.Policy.ChangeManagerId, Notify.Group(context.Policy.ServiceDeskGroupId)],
                    new JsonObject { ["from"] = from.ToString(), ["ciIds"] = ChangeApprovals.Ids(change.CiIds) });
                break;
            case ChangeState.Review when from == ChangeState.BackedOut:
                ChangeAccess.RequireChangeManager(caller, "CHG-12", "moves a backed-out change to review");
                Move(change, ChangeState.Review, caller.Actor, "ChangeReviewStarted", now, [Notify.Role(ItsmRole.ProblemManager)],
                    new JsonObject { ["incidentIds"] = ChangeApprovals.Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.CausedIncident)) });
                break;
            case ChangeState.Review:
                ChangeClosure.SignOff(change, request, caller, context.Policy, now);
                break;
            case ChangeState.Closed:
                ChangeClosure.Close(change, request, caller, context, now);
                break;
        }
    }

    /// <summary>
    /// CHG-08, CHG-09: places the change in its window. Overlapping changes on the same or dependent CIs need the change
    /// manager's reason; the customers, the service desk and the CIs' resolver groups are told (again, on a reschedule).
    /// </summary>
    public static void Schedule(Change change, ChangeWindow window, string? overrideReason, Actor actor, ChangeAnalysisResult analysis, ChangePolicy policy, DateTimeOffset now)
    {
        var conflicts = analysis.Conflicts;
        if (conflicts.Count > 0 && string.IsNullOrWhiteSpace(overrideReason))
        {
            throw Problems.Conflict($"The window overlaps {string.Join(", ", conflicts.Select(c => $"{c.ChangeId} ({string.Join(", ", c.SharedIds)})"))}; "
                + "the change manager can schedule it anyway with an override reason.", "CHG-08");
        }

        if (conflicts.Count > 0)
        {
            change.ConflictOverride = new(actor.Id, overrideReason!, now);
        }

        var rescheduled = change.State == ChangeState.Scheduled;
        change.Window = window;
        change.Conflicts = [.. conflicts];
        change.ScheduleAudience = ChangeNotify.ScheduleAudience(analysis, policy, change).Distinct().ToList();
        change.ReminderSentFor = null;
        var data = new JsonObject
        {
            ["start"] = Client.UtcTimestampConverter.Text(window.Start),
            ["end"] = Client.UtcTimestampConverter.Text(window.End),
            ["outage"] = change.Outage is null ? null : new JsonObject
            {
                ["start"] = Client.UtcTimestampConverter.Text(change.Outage.Start),
                ["end"] = Client.UtcTimestampConverter.Text(change.Outage.End),
            },
            ["services"] = ChangeApprovals.Ids(change.AffectedServiceIds.Union(analysis.AffectedServices.Select(s => s.Id))),
            ["conflictOverride"] = conflicts.Count > 0 ? overrideReason : null,
        };
        if (rescheduled)
        {
            change.Raise(actor, now, "ChangeRescheduled", Client.Events.EventVisibility.Internal,
                [Records.RecordDocument.Change("window", (ChangeWindow?)null, window)], change.ScheduleAudience, data);
        }
        else
        {
            Move(change, ChangeState.Scheduled, actor, "ChangeScheduled", now, change.ScheduleAudience, data);
        }
    }

    /// <summary>CHG-10, CHG-14: only the implementer starts, inside the window unless the change manager allowed otherwise; an emergency change starts once approved.</summary>
    private static void Start(Change change, Caller caller, ChangeContext context, DateTimeOffset now)
    {
        var policy = context.Policy;
        RequireImplementer(change, caller);
        if (change.State == ChangeState.Approved && change.Model != ChangeModel.Emergency)
        {
            throw Problems.Conflict("Only an emergency change goes to Implementing straight from Approved; schedule this one first.", "CHG-14");
        }

        if (change.State == ChangeState.Scheduled && change.Window is { } window && (now < window.Start || now > window.End) && change.WindowOverride is null)
        {
            throw Problems.Conflict(now < window.Start
                ? $"The window opens at {window.Start:u}; starting early needs the change manager's override."
                : $"The window closed at {window.End:u}; starting late needs the change manager's override.", "CHG-10");
        }

        change.ActualStart = now;
        if (change.Model == ChangeModel.Emergency)
        {
            // CHG-14: what is still missing is filled in retrospectively, and the review is due by the same deadline.
            change.RetrospectiveFields = ChangeEdits.MissingNormalFields(change);
            var clock = new SlaClock(context.RetrospectiveCalendar!, twentyFourSeven: false);
            var span = clock.Span(new TargetSpan(policy.RetrospectiveServiceDays, SpanUnit.Days));
            change.RetrospectiveDeadline = clock.Add(now, span);
            change.RetrospectiveReminderAt = clock.Add(now, span / 2);
        }

        Move(change, ChangeState.Implementing, caller.Actor, "ChangeImplementationStarted", now,
            [Notify.Group(policy.ServiceDeskGroupId), policy.ChangeManagerId], new JsonObject
            {
                ["ciIds"] = ChangeApprovals.Ids(change.CiIds),
                ["windowOverride"] = change.WindowOverride?.Reason,
                ["retrospectiveFields"] = ChangeApprovals.Ids(change.RetrospectiveFields),
            });
    }

    /// <summary>Who may sign off (CHG-11): the named verifier, the originator and the owners of affected services.</summary>
    public static IEnumerable<string> Verifiers(Change change) =>
        new[] { change.VerifierId, change.OriginatorId }.OfType<string>()
            .Concat(change.Impact?.Services.Select(s => s.OwnerId) ?? []).Distinct();

    private static void RequireImplementer(Change change, Caller caller) =>
        ChangeAccess.Allow(ChangeAccess.IsImplementer(caller, change),
            $"Only the nominated implementer of {change.Id} (or a member of the implementer group) does this.", "CHG-10");
}
