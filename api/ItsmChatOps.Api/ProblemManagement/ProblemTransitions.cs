using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>What a move may depend on besides the problem: its linked incidents and known errors, and the root-cause taxonomy.</summary>
public sealed record ProblemTransitionInputs(IReadOnlyList<Incident> Incidents, IReadOnlyList<KnownError> KnownErrors, IReadOnlyList<string> CauseCategories);

/// <summary>The problem state machine of §16.3 with its guards (PRB-04, PRB-07, PRB-12); any other move is 409.</summary>
public static class ProblemTransitions
{
    public static void Apply(Problem problem, TransitionProblemRequest request, Caller caller, ProblemTransitionInputs inputs, DateTimeOffset now)
    {
        var (from, to) = (problem.State, request.To!.Value);
        var manager = ProblemRules.IsProblemManager(caller);
        switch (from, to)
        {
            case (ProblemState.Logged, ProblemState.UnderInvestigation):
                Require(manager, "The problem manager starts the investigation.", "PRB-01");
                var analyst = request.AnalystId ?? problem.AnalystId ?? throw Problems.Unprocessable("Name the analyst who investigates.", "PRB-09", "analystId");
                if (analyst != problem.AnalystId)
                {
                    ProblemRules.Assign(problem, new AssignProblemRequest { AnalystId = analyst, Reason = "Investigation started." }, caller, now);
                }

                break;
            case (ProblemState.Logged or ProblemState.UnderInvestigation, ProblemState.Cancelled):
                Require(manager, "The problem manager cancels a problem.", "PRB-01");
                RequireText(request.Reason, "Say why: a duplicate (name the surviving problem) or not a problem.", "PRB-01", "reason");
                problem.DuplicateOfId = request.DuplicateOfId;
                break;
            case (ProblemState.UnderInvestigation, ProblemState.RootCauseIdentified):
                Require(ProblemRules.IsProblemStaff(caller), "A problem analyst or the problem manager records the root cause.", "PRB-04");
                RequireRootCause(problem, request);
                problem.RootCauseIdentifiedAt = now;
                break;
            case (ProblemState.UnderInvestigation, ProblemState.Closed):
                Require(manager, "The problem manager closes a problem.", "PRB-12");
                RequireText(request.Reason, "Say why: the cause cannot be found or the problem is no longer relevant.", "PRB-12", "reason");
                CheckClosure(problem, inputs, resolutionPossible: false);
                break;
            case (ProblemState.RootCauseIdentified, ProblemState.FixInProgress):
                Require(ProblemRules.IsProblemStaff(caller), "A problem analyst or the problem manager starts the fix.", "PRB-07");
                if (problem.Changes.Count == 0)
                {
                    throw Problems.Conflict($"{problem.Id} enters FixInProgress only by raising or linking a change.", "PRB-07");
                }

                break;
            case (ProblemState.RootCauseIdentified, ProblemState.Closed):
                Require(manager, "The problem manager closes a problem.", "PRB-12");
                if (inputs.KnownErrors.Count == 0 || inputs.KnownErrors.Any(k => k.State != KnownErrorState.Accepted))
                {
                    throw Problems.Conflict($"{problem.Id} closes without a fix only when every known error is Accepted with a decision not to fix.", "PRB-06", "PRB-12");
                }

                CheckClosure(problem, inputs, resolutionPossible: false);
                break;
            case (ProblemState.FixInProgress, ProblemState.Resolved):
                Require(manager, "The problem becomes Resolved when its change closes successfully, or by the problem manager.", "PRB-07");
                if (!problem.Changes.Any(c => c.Status == LinkedChangeStatus.ClosedSuccessful))
                {
                    throw Problems.Conflict($"{problem.Id} is resolved by a linked change that closed successfully.", "PRB-07");
                }

                problem.ResolvedAt = now;
                break;
            case (ProblemState.Resolved, ProblemState.UnderInvestigation):
                Require(manager, "The problem manager reopens the investigation when the fix did not work.", "PRB-17");
                RequireText(request.Reason, "Say what shows the fix did not work.", "PRB-17", "reason");
                break;
            case (ProblemState.Resolved, ProblemState.Closed):
                Require(manager, "The problem manager closes a problem.", "PRB-12");
                CheckClosure(problem, inputs, resolutionPossible: true);
                break;
            case (ProblemState.FixInProgress, ProblemState.RootCauseIdentified):
                throw Problems.Forbidden("The problem returns to RootCauseIdentified by itself when its change fails.", "PRB-07");
            default:
                throw Problems.IllegalTransition(from.ToString(), to.ToString(), "PRB-01");
        }

        Move(problem, to, caller.Actor, now, request.Reason, []);
    }

    /// <summary>PRB-07: what a linked change's progress does to the problem; returns the notify list of any move.</summary>
    public static void ChangeMoved(Problem problem, string changeId, LinkedChangeStatus status, DateTimeOffset? scheduledFor, WorkaroundAudience audience, DateTimeOffset now)
    {
        var index = problem.Changes.FindIndex(c => c.ChangeId == changeId);
        if (index < 0 || problem.Changes[index].Status == status)
        {
            return;
        }

        problem.Changes[index] = problem.Changes[index] with { Status = status, UpdatedAt = now, ScheduledFor = scheduledFor ?? problem.Changes[index].ScheduledFor };
        var text = problem.CustomerText;
        switch (status)
        {
            case LinkedChangeStatus.Submitted or LinkedChangeStatus.Approved or LinkedChangeStatus.Scheduled when problem.State == ProblemState.RootCauseIdentified:
                Move(problem, ProblemState.FixInProgress, Actor.System, now, $"Linked change {changeId} {status}.", []);
                break;
            case LinkedChangeStatus.ClosedSuccessful when problem.State is ProblemState.FixInProgress or ProblemState.RootCauseIdentified:
                problem.ResolvedAt = now;
                Move(problem, ProblemState.Resolved, Actor.System, now, $"Linked change {changeId} closed successfully.", []);
                break;
            case LinkedChangeStatus.Rejected or LinkedChangeStatus.Failed or LinkedChangeStatus.BackedOut or LinkedChangeStatus.Cancelled
                when problem.State == ProblemState.FixInProgress && problem.Changes.All(c => c.Status is not (LinkedChangeStatus.ClosedSuccessful or LinkedChangeStatus.Approved or LinkedChangeStatus.Scheduled or LinkedChangeStatus.Submitted or LinkedChangeStatus.Implemented)):
                Move(problem, ProblemState.RootCauseIdentified, Actor.System, now, $"Linked change {changeId} {status}.", [problem.OwnerId]);
                break;
        }

        if (status is LinkedChangeStatus.Scheduled or LinkedChangeStatus.ClosedSuccessful)
        {
            // PRB-08: a fix scheduled (with its date) or deployed is told to those affected.
            problem.Raise(Actor.System, now, status == LinkedChangeStatus.Scheduled ? "ProblemFixScheduled" : "ProblemFixDeployed", EventVisibility.Internal,
                notify: audience.Recipients, data: new JsonObject
                {
                    ["changeId"] = changeId,
                    ["scheduledFor"] = scheduledFor is { } at ? UtcTimestampConverter.Text(at) : null,
                    ["customerText"] = text ?? (status == LinkedChangeStatus.Scheduled ? "A fix for the problem affecting you has been scheduled." : "A fix for the problem affecting you has been deployed."),
                });
        }
    }

    /// <summary>PRB-12: resolution details and cause category recorded; incidents resolved; known errors closed or accepted; the customer agreed or was told.</summary>
    private static void CheckClosure(Problem problem, ProblemTransitionInputs inputs, bool resolutionPossible)
    {
        var errors = new Dictionary<string, string[]>();
        if (resolutionPossible && (string.IsNullOrWhiteSpace(problem.RootCause) || string.IsNullOrWhiteSpace(problem.ResolutionMethod)))
        {
            errors["resolutionMethod"] = ["Record the root cause and the resolution method before closing (PRB-12)."];
        }

        if (problem.CauseCategory is null || !inputs.CauseCategories.Contains(problem.CauseCategory, StringComparer.OrdinalIgnoreCase))
        {
            errors["causeCategory"] = [$"Set a cause category from the root-cause taxonomy: {string.Join(", ", inputs.CauseCategories)} (PRB-12)."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "PRB-12");
        }

        if (inputs.Incidents.FirstOrDefault(i => i.State is not (IncidentState.Resolved or IncidentState.Closed or IncidentState.Cancelled)) is { } open)
        {
            throw Problems.Conflict($"Linked incident {open.Id} is {open.State}: every linked incident must be resolved or closed first.", "PRB-12");
        }

        if (inputs.KnownErrors.FirstOrDefault(k => !(k.State == KnownErrorState.Closed || (k.State == KnownErrorState.Accepted && k.Decision is not null))) is { } error)
        {
            throw Problems.Conflict($"Known error {error.Id} is {error.State}: each must be Closed, or Accepted with its decision recorded.", "PRB-12");
        }

        var told = problem.CustomerAgreement is not null || (!resolutionPossible && problem.CustomerNotice?.DeliveredAt is not null);
        if (!told)
        {
            throw Problems.Conflict(resolutionPossible
                ? "The service owner or a customer representative must agree to the closure first."
                : "The customer must agree, or be told (delivered message) that no resolution is possible, first.", "PRB-12");
        }
    }

    private static void RequireRootCause(Problem problem, TransitionProblemRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(problem.RootCause))
        {
            errors["rootCause"] = ["Record the root cause first (PRB-04)."];
        }

        if (string.IsNullOrWhiteSpace(problem.ResolutionMethod) && problem.Workarounds.Count == 0)
        {
            errors["resolutionMethod"] = ["Record a resolution method or a workaround first (PRB-04)."];
        }

        var draft = request.KnownError;
        if ((draft?.AffectedServiceIds ?? problem.ServiceIds).Count == 0)
        {
            errors["knownError.affectedServiceIds"] = ["The known error lists at least one affected service (PRB-04)."];
        }

        if ((draft?.SuspectedCiIds ?? problem.CiIds).Count == 0)
        {
            errors["knownError.suspectedCiIds"] = ["The known error names at least one suspected faulty CI (PRB-04)."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "PRB-04");
        }
    }

    private static void Move(Problem problem, ProblemState to, Actor actor, DateTimeOffset now, string? reason, IEnumerable<string> notify)
    {
        var from = problem.State;
        problem.State = to;
        problem.ClosedAt = to is ProblemState.Closed or ProblemState.Cancelled ? now : problem.ClosedAt;
        problem.RefreshDerived();
        problem.Raise(actor, now, "ProblemTransitioned", EventVisibility.Internal, [RecordDocument.Change("state", from, to)], notify,
            new JsonObject { ["reason"] = reason });
    }

    private static void Require(bool allowed, string detail, string requirement)
    {
        if (!allowed)
        {
            throw Problems.Forbidden(detail, requirement);
        }
    }

    private static void RequireText(string? text, string detail, string requirement, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Problems.Unprocessable(detail, requirement, field);
        }
    }
}
