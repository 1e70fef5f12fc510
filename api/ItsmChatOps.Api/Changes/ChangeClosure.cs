using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;
using static ItsmChatOps.Api.Changes.ChangeTransitions;

namespace ItsmChatOps.Api.Changes;

/// <summary>Sign-off, the post-implementation review and closure (CHG-11, CHG-13, CHG-14, CHG-15).</summary>
public static class ChangeClosure
{
    /// <summary>CHG-11: from Medium risk up, a verifier other than the implementer signs off; for Low risk the implementer may.</summary>
    public static void SignOff(Change change, TransitionChangeRequest request, Caller caller, ChangePolicy policy, DateTimeOffset now)
    {
        var low = change.Risk?.Level == RiskLevel.Low;
        var implementer = ChangeAccess.IsImplementer(caller, change);
        var verifier = ChangeLifecycle.Verifiers(change).Contains(caller.Id) || ChangeAccess.IsChangeManager(caller);
        if (!low && implementer)
        {
            throw Problems.Forbidden($"{change.Id} is {change.Risk?.Level.ToString() ?? "not Low"} risk: a verifier other than the implementer signs it off.", "CHG-11");
        }

        ChangeAccess.Allow(verifier || (low && implementer),
            "The named verifier, the originator, an owner of an affected service or the change manager signs off.", "CHG-11");
        change.SignOff = new(caller.Id, request.SignOffNote, now);
        Move(change, ChangeState.Review, caller.Actor, "ChangeSignedOff", now, [policy.ChangeManagerId], new JsonObject { ["note"] = request.SignOffNote });
        if (PirMayBeNeeded(change, policy) && change.CustomerRepresentativeIds.Count > 0)
        {
            change.Raise(Actor.System, now, "ChangePirCustomerQuestion", EventVisibility.Internal, notify: change.CustomerRepresentativeIds,
                data: new JsonObject { ["question"] = $"Are you satisfied with how {change.Title} went?" });
        }
    }

    /// <summary>CHG-13: the change manager records the review; incidents on the affected CIs after the change are listed as side effects.</summary>
    public static void RecordPir(Change change, PirRequest request, Caller caller, IReadOnlyList<string> sideEffectIncidentIds, DateTimeOffset now)
    {
        ChangeAccess.RequireChangeManager(caller, "CHG-13", "records the post-implementation review");
        RequireReview(change);
        var previous = change.Pir;
        change.Pir = new(request.ObjectivesMet, previous?.CustomersSatisfied, previous?.CustomerAnsweredById, previous?.CustomerComment,
            [.. sideEffectIncidentIds], [.. request.Nonconformities ?? []], [.. request.Improvements ?? []], request.Note, now);
        change.Raise(caller.Actor, now, "ChangePirRecorded", EventVisibility.Internal, data: new JsonObject
        {
            ["objectivesMet"] = request.ObjectivesMet,
            ["sideEffectIncidentIds"] = ChangeApprovals.Ids(sideEffectIncidentIds),
        });
        var findings = change.Pir.Nonconformities.ToList();
        if (sideEffectIncidentIds.Count > 0)
        {
            findings.Add($"Unexpected side effects after {change.Id}: {string.Join(", ", sideEffectIncidentIds)}.");
        }

        // Findings become nonconformities and improvement items; the improvement process picks these events up.
        foreach (var finding in findings)
        {
            change.Raise(caller.Actor, now, "NonconformityRaised", EventVisibility.Internal, notify: [Notify.Role(ItsmRole.ChangeManager)],
                data: new JsonObject { ["description"] = finding, ["source"] = change.Id, ["ciIds"] = ChangeApprovals.Ids(change.CiIds) });
        }

        foreach (var improvement in change.Pir.Improvements)
        {
            change.Raise(caller.Actor, now, "ImprovementSuggested", EventVisibility.Internal, notify: [Notify.Role(ItsmRole.ChangeManager)],
                data: new JsonObject { ["description"] = improvement, ["source"] = change.Id });
        }
    }

    /// <summary>CHG-13: a representative of an affected customer answers "are you satisfied?" on a card.</summary>
    public static void CustomerAnswer(Change change, PirCustomerAnswerRequest request, Caller caller, ChangePolicy policy, DateTimeOffset now)
    {
        ChangeAccess.Allow(change.CustomerRepresentativeIds.Contains(caller.Id), "Only a representative of an affected customer answers for the customers.", "CHG-13");
        RequireReview(change);
        var pir = change.Pir ?? new(null, null, null, null, [], [], [], null, null);
        change.Pir = pir with { CustomersSatisfied = request.Satisfied, CustomerAnsweredById = caller.Id, CustomerComment = request.Comment };
        change.Raise(caller.Actor, now, "ChangePirCustomerAnswered", EventVisibility.Internal, notify: [policy.ChangeManagerId],
            data: new JsonObject { ["satisfied"] = request.Satisfied, ["comment"] = request.Comment });
    }

    public static bool PirRequired(Change change, ChangePolicy policy, ChangeOutcome? outcome) =>
        (policy.PirForMajor && change.Class == ChangeClass.Major)
        || (policy.PirForHighRisk && change.Risk?.Level == RiskLevel.High)
        || (policy.PirForFailed && (outcome is ChangeOutcome.Failed or ChangeOutcome.BackedOut || change.BackoutLog is not null));

    public static bool PirComplete(Change change) =>
        change.Pir is { ObjectivesMet: not null } pir && (change.CustomerRepresentativeIds.Count == 0 || pir.CustomersSatisfied is not null);

    /// <summary>CHG-12 … CHG-15: outcome and review note, the PIR where required, retrospective fields and the emergency verdict.</summary>
    public static void Close(Change change, TransitionChangeRequest request, Caller caller, ChangeContext context, DateTimeOffset now)
    {
        ChangeAccess.RequireChangeManager(caller, "CHG-13", "closes changes");
        var errors = new Dictionary<string, string[]>();
        var outcome = request.Outcome;
        if (outcome is null or ChangeOutcome.Cancelled)
        {
            errors["outcome"] = ["Give the outcome: Successful, SuccessfulWithIssues, Failed or BackedOut (CHG-13)."];
        }

        if (string.IsNullOrWhiteSpace(request.ReviewNote))
        {
            errors["reviewNote"] = ["Write the review note (CHG-13)."];
        }

        if (outcome == ChangeOutcome.Failed && change.BackoutLog is null && !change.Links.Any(l => l.Kind == ChangeLinkKind.RemediatedBy))
        {
            errors["outcome"] = ["A failed change needs a backout log (back it out) or a link to its remediation change (CHG-12)."];
        }

        if (outcome is ChangeOutcome.Successful or ChangeOutcome.SuccessfulWithIssues && change.BackoutLog is not null
            || outcome == ChangeOutcome.BackedOut && change.BackoutLog is null)
        {
            errors["outcome"] = [$"{outcome} does not match what happened: the change was {(change.BackoutLog is null ? "not " : "")}backed out (CHG-12)."];
        }

        if (PirRequired(change, context.Policy, outcome) && !PirComplete(change))
        {
            errors["pir"] = ["This change needs a post-implementation review first: objectives met, and the customers' answer (CHG-13)."];
        }

        if (change.Model == ChangeModel.Emergency)
        {
            foreach (var field in ChangeEdits.MissingNormalFields(change))
            {
                errors[field] = [$"Fill in '{field}' retrospectively before the emergency change closes (CHG-14)."];
            }

            if (request.GenuineEmergency is null)
            {
                errors["genuineEmergency"] = ["The change manager's verdict is needed: was it a genuine emergency (CHG-14)?"];
            }
        }

        if (errors.Count > 0)
        {
            throw ChangeProblems.Invalid(errors, "CHG-13");
        }

        change.Outcome = outcome;
        change.ReviewNote = request.ReviewNote;
        change.GenuineEmergency = request.GenuineEmergency;
        var fixedIncidents = context.FixedIncidents ?? [];
        var successful = outcome is ChangeOutcome.Successful or ChangeOutcome.SuccessfulWithIssues;
        Move(change, ChangeState.Closed, caller.Actor, "ChangeClosed", now,
            [change.OriginatorId, .. successful ? fixedIncidents.Select(i => i.ReporterId) : [], .. ChangeNotify.ProblemManagerIfLinked(change)],
            new JsonObject
            {
                ["outcome"] = outcome.ToString(),
                ["successful"] = successful,
                ["problemIds"] = ChangeApprovals.Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.Problem)),
                ["knownErrorIds"] = ChangeApprovals.Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.KnownError)),
                ["fixedIncidentIds"] = ChangeApprovals.Ids(fixedIncidents.Select(i => i.IncidentId)),
                ["genuineEmergency"] = request.GenuineEmergency,
            });
    }

    private static bool PirMayBeNeeded(Change change, ChangePolicy policy) => PirRequired(change, policy, null);

    private static void RequireReview(Change change)
    {
        if (change.State != ChangeState.Review)
        {
            throw Problems.Conflict($"{change.Id} is {change.State}; the review is recorded while it is in Review.", "CHG-13");
        }
    }
}
