using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.ProblemManagement;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;

namespace ItsmChatOps.Api.KnownErrors;

/// <summary>The known error lifecycle of §16.4 with its closure rules (PRB-05), decisions not to fix (PRB-06) and usage (PRB-17).</summary>
public static class KnownErrorRules
{
    public static void RequireProblemManager(Caller caller, string requirement)
    {
        if (!caller.Has(ItsmRole.ProblemManager))
        {
            throw Problems.Forbidden("Only the problem manager moves a known error here.", requirement);
        }
    }

    /// <summary>Problem managers and analysts and knowledge editors keep a known error's text current.</summary>
    public static void RequireEditor(Caller caller)
    {
        if (!caller.HasAny(ItsmRole.ProblemManager, ItsmRole.ProblemAnalyst, ItsmRole.KnowledgeEditor))
        {
            throw Problems.Forbidden("Problem management and knowledge editors edit known errors.", "KB-05");
        }
    }

    /// <summary>The moves a person makes: FixDeployed → Published or Closed, Published ⇄ Accepted, and closing as NotApplicable.</summary>
    public static void Transition(KnownError error, TransitionKnownErrorRequest request, Caller caller, ProblemPolicy policy, IReadOnlyList<Service> services, DateTimeOffset now)
    {
        var (from, to) = (error.State, request.To!.Value);
        switch (from, to)
        {
            case (KnownErrorState.FixDeployed, KnownErrorState.Published):
                RequireProblemManager(caller, "PRB-17");
                Move(error, to, caller.Actor, now, request.Reason ?? "The fix did not work.");
                break;
            case (KnownErrorState.FixDeployed, KnownErrorState.Closed) when request.NotApplicable != true:
                RequireProblemManager(caller, "PRB-05");
                if (!error.Changes.Any(c => c.Status == LinkedChangeStatus.ClosedSuccessful))
                {
                    throw Problems.Conflict($"{error.Id} closes only after a linked change closed successfully.", "PRB-05");
                }

                error.Closure = KnownErrorClosure.FixDeployed;
                Move(error, to, caller.Actor, now, request.Reason);
                break;
            case (KnownErrorState.Published, KnownErrorState.Accepted):
                RequireProblemManager(caller, "PRB-06");
                var decision = request.Decision ?? throw Problems.Unprocessable("Accepting a known error records the decision not to fix it: who decided, their organisation and the reason.", "PRB-06", "decision");
                error.Decision = new KnownErrorDecision(caller.Id, decision.DecidedBy!.Value, decision.Organization!, decision.Reason!, now,
                    decision.ReviewDate ?? now.AddMonths(policy.DecisionReviewMonths));
                error.IncidentsSinceDecision = 0;
                error.ReassessmentRaisedAt = null;
                Move(error, to, caller.Actor, now, decision.Reason);
                break;
            case (KnownErrorState.Accepted, KnownErrorState.Published):
                RequireProblemManager(caller, "PRB-06");
                Move(error, to, caller.Actor, now, request.Reason ?? "Decision revoked.");
                break;
            case (KnownErrorState.Draft or KnownErrorState.Published or KnownErrorState.Accepted or KnownErrorState.FixScheduled or KnownErrorState.FixDeployed, KnownErrorState.Closed):
                CloseNotApplicable(error, request, caller, services, now);
                break;
            default:
                throw Problems.IllegalTransition(from.ToString(), to.ToString(), to == KnownErrorState.Closed ? "PRB-05" : "PRB-06");
        }
    }

    /// <summary>PRB-05 (b): only when every affected service is Retired or every suspected CI is Withdrawn or Disposed, with a reason.</summary>
    private static void CloseNotApplicable(KnownError error, TransitionKnownErrorRequest request, Caller caller, IReadOnlyList<Service> services, DateTimeOffset now)
    {
        RequireProblemManager(caller, "PRB-05");
        if (request.NotApplicable != true)
        {
            throw Problems.Conflict($"{error.Id} closes only after a linked change closed successfully, or as not applicable once its services are retired or its CIs withdrawn.", "PRB-05");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw Problems.Unprocessable("Closing as not applicable needs a reason.", "PRB-05", "reason");
        }

        var servicesRetired = error.AffectedServiceIds.Count > 0
            && error.AffectedServiceIds.All(id => services.FirstOrDefault(s => s.Id == id)?.Status == ServiceStatus.Retired);
        var cisGone = error.SuspectedCiIds.Count > 0 && error.SuspectedCiIds.All(error.RetiredCiIds.Contains);
        if (!servicesRetired && !cisGone)
        {
            throw Problems.Conflict($"{error.Id} still affects live services and CIs: it closes as not applicable only once they are retired, withdrawn or disposed.", "PRB-05");
        }

        error.Closure = KnownErrorClosure.NotApplicable;
        error.ClosureReason = request.Reason;
        Move(error, KnownErrorState.Closed, caller.Actor, now, request.Reason);
    }

    /// <summary>PRB-07: a change that fixes the known error; its events then move it.</summary>
    public static void LinkChange(KnownError error, string changeId, Caller caller, DateTimeOffset now)
    {
        if (!caller.HasAny(ItsmRole.ProblemManager, ItsmRole.ProblemAnalyst))
        {
            throw Problems.Forbidden("Problem management links changes to known errors.", "PRB-07");
        }

        if (!error.IsOpen || error.Changes.Any(c => c.ChangeId == changeId))
        {
            return;
        }

        error.Changes.Add(new LinkedChange(changeId, LinkedChangeStatus.Linked, now, null));
        error.Raise(caller.Actor, now, "KnownErrorChangeLinked", EventVisibility.Internal, [RecordDocument.Change<string?>("changeId", null, changeId)]);
    }

    /// <summary>§16.4 moves made by the system when a linked change moves (PRB-07); returns whether the state changed.</summary>
    public static bool ChangeMoved(KnownError error, LinkedChangeStatus status, DateTimeOffset now)
    {
        var before = error.State;
        if (status is LinkedChangeStatus.Approved or LinkedChangeStatus.Scheduled or LinkedChangeStatus.ClosedSuccessful && error.State == KnownErrorState.Published)
        {
            Move(error, KnownErrorState.FixScheduled, Actor.System, now, $"Linked change {status}.");
        }

        if (status == LinkedChangeStatus.ClosedSuccessful && error.State == KnownErrorState.FixScheduled)
        {
            Move(error, KnownErrorState.FixDeployed, Actor.System, now, "Linked change closed successfully.");
        }
        else if (status is LinkedChangeStatus.Rejected or LinkedChangeStatus.Cancelled or LinkedChangeStatus.Failed or LinkedChangeStatus.BackedOut
                 && error.State == KnownErrorState.FixScheduled)
        {
            Move(error, KnownErrorState.Published, Actor.System, now, $"Linked change {status}.");
        }

        return before != error.State;
    }

    /// <summary>PRB-17 and PRB-06: an incident linked to the known error counts; after a fix it asks the problem manager whether the fix worked.</summary>
    public static void IncidentLinked(KnownError error, string incidentId, ProblemPolicy policy, DateTimeOffset now)
    {
        if (error.Incidents.Any(i => i.IncidentId == incidentId))
        {
            return;
        }

        error.Incidents.Add(new LinkedIncident(incidentId, now));
        error.Raise(Actor.System, now, "KnownErrorIncidentLinked", EventVisibility.Internal,
            [RecordDocument.Change("linkedIncidentCount", error.Incidents.Count - 1, error.Incidents.Count)], data: new JsonObject { ["incidentId"] = incidentId });
        if (error.State is KnownErrorState.FixDeployed or KnownErrorState.Closed)
        {
            error.Raise(Actor.System, now, "KnownErrorFixQuestioned", EventVisibility.Internal, notify: [ProblemManager(error)],
                data: new JsonObject { ["incidentId"] = incidentId, ["question"] = "Fix ineffective? A new incident was linked after the fix was deployed." });
        }

        if (error.State == KnownErrorState.Accepted)
        {
            error.IncidentsSinceDecision++;
            if (error.IncidentsSinceDecision >= policy.ReassessAfterIncidents && error.ReassessmentRaisedAt is null)
            {
                RaiseReassessment(error, now, $"{error.IncidentsSinceDecision} incidents linked since the decision not to fix.");
            }
        }
    }

    /// <summary>PRB-06: the decision's review date has come.</summary>
    public static void Fire(KnownError error, DateTimeOffset now)
    {
        if (error.State == KnownErrorState.Accepted && error.Decision is { } decision && error.ReassessmentRaisedAt is null && now >= decision.ReviewDate)
        {
            RaiseReassessment(error, now, "The decision not to fix reached its review date.");
        }

        error.ScheduleNextTimer();
    }

    public static void Move(KnownError error, KnownErrorState to, Actor actor, DateTimeOffset now, string? reason)
    {
        var from = error.State;
        error.State = to;
        error.ScheduleNextTimer();
        error.Raise(actor, now, "KnownErrorTransitioned", EventVisibility.Internal, [RecordDocument.Change("state", from, to)],
            actor.IsSystem && to == KnownErrorState.Published && from == KnownErrorState.FixScheduled ? [ProblemManager(error)] : [],
            new JsonObject { ["reason"] = reason, ["problemId"] = error.ProblemId });
    }

    private static void RaiseReassessment(KnownError error, DateTimeOffset now, string why)
    {
        error.ReassessmentRaisedAt = now;
        error.ScheduleNextTimer();
        error.Raise(Actor.System, now, "KnownErrorReassessmentDue", EventVisibility.Internal, notify: [ProblemManager(error)],
            data: new JsonObject { ["reason"] = why, ["problemId"] = error.ProblemId, ["incidentsSinceDecision"] = error.IncidentsSinceDecision });
    }

    private static string ProblemManager(KnownError error) =>
        error.ProblemManagerId.Length > 0 ? error.ProblemManagerId : Notify.Role(ItsmRole.ProblemManager);
}
