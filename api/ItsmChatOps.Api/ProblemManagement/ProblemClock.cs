using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>The timers of a problem: age targets for a root cause and an approved fix (PRB-11) and overdue action reminders (PRB-09).</summary>
public static class ProblemClock
{
    public const string RootCauseTarget = "RootCause";
    public const string FixApprovalTarget = "FixApproved";

    public static DateTimeOffset? RootCauseDue(Problem problem, ProblemPolicy policy) =>
        problem.State is ProblemState.Logged or ProblemState.UnderInvestigation && policy.RootCauseTargetDays.GetValueOrDefault(problem.Priority) is { } days
            ? problem.CreatedAt.AddDays(days) : null;

    public static DateTimeOffset? FixApprovalDue(Problem problem, ProblemPolicy policy) =>
        problem.State is ProblemState.RootCauseIdentified or ProblemState.FixInProgress && problem.RootCauseIdentifiedAt is { } found
        && !problem.Changes.Any(c => c.Status is LinkedChangeStatus.Approved or LinkedChangeStatus.Scheduled or LinkedChangeStatus.Implemented or LinkedChangeStatus.ClosedSuccessful)
        && policy.FixApprovalTargetDays.GetValueOrDefault(problem.Priority) is { } days
            ? found.AddDays(days) : null;

    public static void Schedule(Problem problem, ProblemPolicy policy)
    {
        var due = new List<DateTimeOffset?>
        {
            Escalated(problem, RootCauseTarget) ? null : RootCauseDue(problem, policy),
            Escalated(problem, FixApprovalTarget) ? null : FixApprovalDue(problem, policy),
        };
        due.AddRange(problem.Actions.Where(a => a.State == ProblemActionState.Open && a.RemindedAt is null).Select(a => (DateTimeOffset?)a.Due));
        problem.NextTimerAt = problem.IsTerminal ? Problem.NoTimer : due.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(Problem.NoTimer).Min();
    }

    /// <summary>Escalates passed age targets to the problem manager and the service owners, and reminds owners of overdue actions.</summary>
    public static void Fire(Problem problem, ProblemPolicy policy, IReadOnlyList<string> serviceOwners, DateTimeOffset now)
    {
        foreach (var (target, due) in new[] { (RootCauseTarget, RootCauseDue(problem, policy)), (FixApprovalTarget, FixApprovalDue(problem, policy)) })
        {
            if (due is { } at && now >= at && !Escalated(problem, target))
            {
                var notified = serviceOwners.Prepend(problem.OwnerId).Distinct().ToList();
                problem.Escalations.Add(new Escalation(target, 1, now, notified));
                problem.Raise(Actor.System, now, "ProblemEscalated", EventVisibility.Internal, notify: notified, data: new JsonObject
                {
                    ["target"] = target, ["level"] = 1, ["dueAt"] = UtcTimestampConverter.Text(at), ["priority"] = problem.Priority.ToString(),
                    ["ageDays"] = Math.Round((now - problem.CreatedAt).TotalDays, 1),
                });
            }
        }

        for (var i = 0; i < problem.Actions.Count; i++)
        {
            var action = problem.Actions[i];
            if (action.State == ProblemActionState.Open && action.RemindedAt is null && now >= action.Due)
            {
                problem.Actions[i] = action with { RemindedAt = now };
                problem.Raise(Actor.System, now, "ProblemActionOverdue", EventVisibility.Internal, notify: [action.OwnerId],
                    data: new JsonObject { ["actionId"] = action.Id, ["task"] = action.Task, ["due"] = UtcTimestampConverter.Text(action.Due) });
            }
        }

        Schedule(problem, policy);
    }

    private static bool Escalated(Problem problem, string target) => problem.Escalations.Any(e => e.Target == target);
}
