using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>What a transition needs besides the change: the policy, and for some moves a fresh analysis, the approvers and a template.</summary>
public sealed record ChangeContext(
    ChangePolicy Policy,
    int PolicyVersion,
    ChangeAnalysisResult? Analysis = null,
    ApproverPlan? Approvers = null,
    IReadOnlyList<string>? Deputies = null,
    ChangeTemplate? Template = null,
    Policies.CalendarPolicy? RetrospectiveCalendar = null,
    IReadOnlyList<(string IncidentId, string ReporterId)>? FixedIncidents = null);

/// <summary>
/// The change state machine of requirements §16.5, exactly: the allowed moves, who makes each one, the guards and the
/// effects. Any other move is 409; a move only the system makes is refused to people (403).
/// </summary>
public static class ChangeTransitions
{
    private static readonly Dictionary<ChangeState, ChangeState[]> Allowed = new()
    {
        [ChangeState.Draft] = [ChangeState.Submitted, ChangeState.Cancelled],
        [ChangeState.Submitted] = [ChangeState.Scheduled, ChangeState.Assessed, ChangeState.Cancelled],
        [ChangeState.Assessed] = [ChangeState.PendingApproval, ChangeState.Cancelled],
        [ChangeState.PendingApproval] = [ChangeState.Approved, ChangeState.Rejected, ChangeState.Assessed, ChangeState.Cancelled],
        [ChangeState.Approved] = [ChangeState.Scheduled, ChangeState.Implementing, ChangeState.Assessed, ChangeState.Cancelled],
        [ChangeState.Scheduled] = [ChangeState.Approved, ChangeState.Implementing, ChangeState.Assessed, ChangeState.Cancelled],
        [ChangeState.Implementing] = [ChangeState.Implemented, ChangeState.BackedOut],
        [ChangeState.Implemented] = [ChangeState.BackedOut, ChangeState.Review],
        [ChangeState.BackedOut] = [ChangeState.Review],
        [ChangeState.Review] = [ChangeState.Closed],
        [ChangeState.Rejected] = [],
        [ChangeState.Closed] = [],
        [ChangeState.Cancelled] = [],
    };

    public static bool IsAllowed(ChangeState from, ChangeState to) => Allowed[from].Contains(to);

    /// <summary>The moves of the table that only the system makes (approval outcome, voiding, standard scheduling).</summary>
    public static bool IsSystemOnly(ChangeState from, ChangeState to) =>
        (from == ChangeState.PendingApproval && to is ChangeState.Approved or ChangeState.Rejected or ChangeState.Assessed)
        || (from is ChangeState.Approved or ChangeState.Scheduled && to == ChangeState.Assessed)
        || (from == ChangeState.Submitted && to == ChangeState.Scheduled);

    public static void Apply(Change change, TransitionChangeRequest request, Caller caller, ChangeContext context, DateTimeOffset now)
    {
        var from = change.State;
        var to = request.To!.Value;
        if (!IsAllowed(from, to))
        {
            throw Problems.IllegalTransition(from.ToString(), to.ToString(), "CHG-06");
        }

        if (IsSystemOnly(from, to))
        {
            throw Problems.Forbidden(to is ChangeState.Approved or ChangeState.Rejected
                ? "Approval decisions move the change; approvers decide through POST /api/changes/{id}/approvals."
                : "The system makes this move (a standard change is scheduled on submission; approvals are voided by material edits or lapse).", "CHG-06");
        }

        switch (to)
        {
            case ChangeState.Submitted:
                Submit(change, caller, context, now);
                break;
            case ChangeState.Assessed:
                Assess(change, caller, context, now);
                break;
            case ChangeState.PendingApproval:
                RequestApproval(change, caller, context, now);
                break;
            case ChangeState.Cancelled:
                Cancel(change, request, caller, now);
                break;
            default:
                ChangeLifecycle.Apply(change, request, caller, context, now);
                break;
        }

        ChangeTimers.Schedule(change, context.Policy);
    }

    private static void Submit(Change change, Caller caller, ChangeContext context, DateTimeOffset now)
    {
        ChangeAccess.Allow(ChangeAccess.IsOriginator(caller, change) || ChangeAccess.IsChangeManager(caller),
            "The originator or the change manager submits a change.", "CHG-01");
        var analysis = context.Analysis!;
        var errors = new Dictionary<string, string[]>();
        var missing = change.Model == ChangeModel.Normal ? ChangeEdits.MissingNormalFields(change) : [];
        foreach (var field in missing)
        {
            errors[field] = [$"A normal change needs '{field}' before it is submitted (CHG-01)."];
        }

        if (change.CiIds.Count == 0)
        {
            errors["ciIds"] = ["Name at least one configuration item (CHG-01)."];
        }

        if (change.CiIds.Except(analysis.OwnCis.Select(c => c.Id)).ToList() is { Count: > 0 } unknown)
        {
            errors["ciIds"] = [$"Unknown configuration items: {string.Join(", ", unknown)} (CHG-01)."];
        }

        if (change.ImplementerId is null && change.ImplementerGroupId is null)
        {
            errors["implementerId"] = ["Nominate the implementer (a person or a group) (CHG-10)."];
        }

        if (change.Model == ChangeModel.Emergency && string.IsNullOrWhiteSpace(change.EmergencyJustification))
        {
            errors["emergencyJustification"] = ["An emergency change needs the implementer's justification (CHG-14)."];
        }

        if (change.Model == ChangeModel.Standard)
        {
            StandardErrors(change, context.Template, analysis, errors);
        }

        if (errors.Count > 0)
        {
            throw ChangeProblems.Invalid(errors, "CHG-01");
        }

        Move(change, ChangeState.Submitted, caller.Actor, "ChangeSubmitted", now, [context.Policy.ChangeManagerId], new JsonObject
        {
            ["model"] = change.Model.ToString(),
            ["problemIds"] = ChangeApprovals.Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.Problem)),
            ["knownErrorIds"] = ChangeApprovals.Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.KnownError)),
        });
        if (change.Model == ChangeModel.Standard)
        {
            // CHG-02: pre-authorized, Low risk, scheduled with no approval step.
            Analyse(change, analysis, context);
            change.ApprovedWindow = change.Window;
            ChangeLifecycle.Schedule(change, change.Window!, null, Actor.System, analysis, context.Policy, now);
        }
    }

    private static void StandardErrors(Change change, ChangeTemplate? template, ChangeAnalysisResult analysis, Dictionary<string, string[]> errors)
    {
        if (template is null || !template.Active)
        {
            errors["templateId"] = ["The template is missing or no longer active (CHG-02)."];
            return;
        }

        if (analysis.OwnCis.Where(ci => !template.Covers(ci.Id, ci.TypeId)).Select(ci => ci.Id).ToList() is { Count: > 0 } outside)
        {
            errors["ciIds"] = [$"{string.Join(", ", outside)} is outside the scope of template '{template.Name}' (CHG-02)."];
        }

        if (change.Window is null)
        {
            errors["window"] = ["A standard change is scheduled at once: give its window (CHG-02)."];
        }
    }

    private static void Assess(Change change, Caller caller, ChangeContext context, DateTimeOffset now)
    {
        ChangeAccess.RequireChangeManager(caller, "CHG-03", "completes the assessment");
        RequireAssessment(change);
        Analyse(change, context.Analysis!, context);
        RequireConditionalAssessments(change);
        Move(change, ChangeState.Assessed, caller.Actor, "ChangeAssessed", now, [change.OriginatorId], new JsonObject
        {
            ["riskLevel"] = change.Risk?.Level.ToString(),
            ["class"] = change.Class?.ToString(),
            ["conflicts"] = change.Conflicts.Count,
        });
    }

    private static void RequestApproval(Change change, Caller caller, ChangeContext context, DateTimeOffset now)
    {
        ChangeAccess.RequireChangeManager(caller, "CHG-04", "sends a change for approval");
        RequireAssessment(change);
        Analyse(change, context.Analysis!, context);
        RequireConditionalAssessments(change);
        var plan = context.Approvers!;
        change.Approvers = plan.Approvers;
        change.Quorum = plan.Quorum;
        change.QuorumMinimum = plan.Minimum;
        change.QuorumNeedsRoles = plan.NeedsRoles;
        change.Approvals.Clear();
        change.Revision++;
        var approverIds = plan.Approvers.Select(a => a.PersonId).ToList();
        Move(change, ChangeState.PendingApproval, caller.Actor, "ChangeApprovalRequested", now, [.. approverIds, .. context.Deputies ?? []], new JsonObject
        {
            ["authority"] = plan.Authority.ToString(),
            ["quorum"] = plan.Quorum.ToString(),
            ["approverIds"] = ChangeApprovals.Ids(approverIds),
            ["approvalTag"] = change.ApprovalTag,
            ["escalatedForBlackout"] = plan.EscalatedForBlackout,
        }, notifyActor: true);
        var informed = context.Analysis!.OwnCis.Select(ci => ci.OwnerId).Distinct().Except(approverIds).ToList();
        if (informed.Count > 0)
        {
            // CFG-04: owners who need not approve still get the summary: cost, risk, impact and resources.
            change.Raise(Actor.System, now, "ChangeOwnersInformed", EventVisibility.Internal, notify: informed, data: new JsonObject
            {
                ["cost"] = change.Cost,
                ["riskLevel"] = change.Risk?.Level.ToString(),
                ["services"] = ChangeApprovals.Ids(change.AffectedServiceIds),
                ["resources"] = change.Resources,
            });
        }
    }

    private static void Cancel(Change change, TransitionChangeRequest request, Caller caller, DateTimeOffset now)
    {
        var early = change.State is ChangeState.Draft or ChangeState.Submitted;
        ChangeAccess.Allow(ChangeAccess.IsChangeManager(caller) || (early && ChangeAccess.IsOriginator(caller, change)),
            early ? "The originator or the change manager cancels a change." : "Only the change manager cancels a change once it is assessed.", "CHG-09");
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw Problems.Unprocessable("Say why the change is cancelled.", "CHG-09", "reason");
        }

        // CHG-09: everyone told of the schedule gets the cancellation notice.
        var notify = change.ScheduleAudience.Concat(change.Approvers.Select(a => a.PersonId)).Append(change.OriginatorId);
        change.Outcome = ChangeOutcome.Cancelled;
        Move(change, ChangeState.Cancelled, caller.Actor, "ChangeCancelled", now, notify, new JsonObject
        {
            ["reason"] = request.Reason,
            ["wasScheduled"] = change.ScheduleAudience.Count > 0,
            ["problemIds"] = ChangeApprovals.Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.Problem)),
        });
    }

    /// <summary>CHG-03: the risk score must be in before approval is requested (an emergency may fill it in retrospectively), with the assessments the rules require.</summary>
    private static void RequireAssessment(Change change)
    {
        if (change.Risk is null && change.Model != ChangeModel.Emergency)
        {
            throw Problems.Unprocessable($"{change.Id} has no risk score: record the assessment (PUT /api/changes/{change.Id}/assessment) first.", "CHG-03", "risk");
        }
    }

    /// <summary>Stores the computed part of the assessment and the class of a normal change (CHG-02, CHG-03).</summary>
    public static void Analyse(Change change, ChangeAnalysisResult analysis, ChangeContext context)
    {
        change.Impact = analysis.Impact;
        change.CustomerRepresentativeIds = analysis.Customers.SelectMany(c => c.RepresentativeIds).Distinct().ToList();
        change.Conflicts = [.. analysis.Conflicts];
        change.Blackouts = [.. analysis.Blackouts];
        change.RequiredAssessments = [.. analysis.RequiredAssessments];
        change.PolicyVersion = context.PolicyVersion;
        if (change.Model == ChangeModel.Standard)
        {
            change.Risk = new RiskResult(1, 1, 1, RiskLevel.Low, [], context.PolicyVersion);
        }

        change.Class = change.Model != ChangeModel.Normal ? null
            : change.Risk?.Level == RiskLevel.High || analysis.AffectedServices.Count >= context.Policy.MajorServiceCount ? ChangeClass.Major
            : change.Risk?.Level == RiskLevel.Medium ? ChangeClass.Significant
            : ChangeClass.Minor;
    }

    /// <summary>The conditional assessments the rules require must be recorded too (CHG-03, SEC-06).</summary>
    private static void RequireConditionalAssessments(Change change)
    {
        var missing = change.RequiredAssessments.Where(a => !change.Assessments.ContainsKey(a)).ToList();
        if (missing.Count > 0 && change.Model != ChangeModel.Emergency)
        {
            throw Problems.Validation(missing.ToDictionary(m => $"assessments.{m}", m => new[] { $"This change needs a {m} impact assessment (SEC-06)." }), "CHG-03", "SEC-06");
        }
    }

    /// <summary>Moves the change and raises <paramref name="kind"/>; the actor is told only when <paramref name="notifyActor"/> (an approver who sent it for approval needs the card).</summary>
    public static void Move(Change change, ChangeState to, Actor actor, string kind, DateTimeOffset now, IEnumerable<string> notify, JsonObject? data = null,
        bool notifyActor = false)
    {
        var from = change.State;
        change.State = to;
        change.Raise(actor, now, kind, EventVisibility.Internal, [RecordDocument.Change("state", from, to)], notify.Where(n => notifyActor || n != actor.Id), data);
    }
}
