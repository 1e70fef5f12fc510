using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using static ItsmChatOps.Api.Incidents.IncidentAccess;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// What a transition needs besides the incident: the target group, whether a duplicate's survivor exists, and whether
/// the caller holds a major incident manager's temporary authority over the incident (MAJ-04).
/// </summary>
public sealed record TransitionInputs(Group? TargetGroup, bool DuplicateTargetExists, Service Service, bool MajorIncidentManager = false);

/// <summary>
/// The incident state machine of requirements §16.1, exactly: the allowed moves, who may make each
/// one, the guards, and the effects. Any other move is 409 (INC-07).
/// </summary>
public static class IncidentTransitions
{
    private static readonly Dictionary<IncidentState, IncidentState[]> Allowed = new()
    {
        [IncidentState.New] = [IncidentState.Assigned, IncidentState.InProgress, IncidentState.Resolved, IncidentState.Cancelled],
        [IncidentState.Assigned] = [IncidentState.Assigned, IncidentState.InProgress, IncidentState.Cancelled],
        [IncidentState.InProgress] = [IncidentState.OnHold, IncidentState.Assigned, IncidentState.Resolved],
        [IncidentState.OnHold] = [IncidentState.InProgress, IncidentState.Resolved],
        [IncidentState.Resolved] = [IncidentState.InProgress, IncidentState.Closed],
        [IncidentState.Closed] = [],
        [IncidentState.Cancelled] = [],
    };

    public static bool IsAllowed(IncidentState from, IncidentState to) => Allowed[from].Contains(to);

    public static void Apply(Incident incident, TransitionIncidentRequest request, Caller caller, IncidentSettings settings, TransitionInputs inputs, DateTimeOffset now)
    {
        var from = incident.State;
        var to = request.To!.Value;
        if (!IsAllowed(from, to))
        {
            throw Problems.IllegalTransition(from.ToString(), to.ToString(), "INC-07");
        }

        switch (to)
        {
            case IncidentState.Assigned:
                Assign(incident, request, caller, inputs.TargetGroup, inputs.MajorIncidentManager, now);
                break;
            case IncidentState.InProgress when from == IncidentState.Resolved:
                Allow(IsServiceDesk(caller) || IsIncidentManager(caller), "The reporter (\"not fixed\"), the service desk or the incident manager can reopen.", "INC-17");
                RequireReason(request.Reason, "INC-17");
                IncidentLifecycle.Reopen(incident, caller.Actor, request.Reason!, settings, now);
                break;
            case IncidentState.InProgress when from == IncidentState.OnHold:
                Allow(IsAssignee(caller, incident) || inputs.MajorIncidentManager, "Only the assignee can resume an incident on hold.", "INC-07");
                IncidentLifecycle.Resume(incident, caller.Actor, settings, now);
                break;
            case IncidentState.InProgress:
                Take(incident, request, caller, now);
                break;
            case IncidentState.OnHold:
                Allow(IsAssignee(caller, incident) || inputs.MajorIncidentManager, "Only the assignee can put an incident on hold.", "INC-07");
                Hold(incident, request, caller, settings, now);
                break;
            case IncidentState.Resolved:
                Allow(from == IncidentState.New ? IsServiceDesk(caller) : IsAssignee(caller, incident) || inputs.MajorIncidentManager,
                    from == IncidentState.New ? "Only the service desk resolves at first contact." : "Only the assignee can resolve.", "INC-07");
                IncidentLifecycle.Resolve(incident, request, caller, settings, now);
                break;
            case IncidentState.Closed:
                Close(incident, request, caller, settings, inputs.Service, now);
                break;
            case IncidentState.Cancelled:
                Cancel(incident, request, caller, inputs.DuplicateTargetExists, now);
                break;
        }

    }

    private static void Assign(Incident incident, TransitionIncidentRequest request, Caller caller, Group? group, bool majorIncidentManager, DateTimeOffset now)
    {
        var from = incident.State;
        var allowed = from switch
        {
            IncidentState.New => IsServiceDesk(caller) || IsIncidentManager(caller) || majorIncidentManager,
            IncidentState.Assigned => IsGroupMember(caller, incident) || IsServiceDesk(caller) || IsIncidentManager(caller) || majorIncidentManager,
            _ => IsAssignee(caller, incident) || IsServiceDesk(caller) || IsIncidentManager(caller) || majorIncidentManager,
        };
        Allow(allowed, "You cannot assign this incident.", "INC-07");
        if (from == IncidentState.New)
        {
            RequireCategory(incident);
        }

        var errors = new Dictionary<string, string[]>();
        if (request.GroupId is null)
        {
            errors["groupId"] = ["Name the resolver group to assign to."];
        }
        else if (group is null)
        {
            errors["groupId"] = [$"Group '{request.GroupId}' does not exist."];
        }

        var reassignment = from != IncidentState.New;
        if (reassignment && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["A reassignment needs a reason."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, reassignment ? "INC-16" : "INC-08");
        }

        var changes = new List<FieldChange>
        {
            RecordDocument.Change("state", from, IncidentState.Assigned),
            RecordDocument.Change("groupId", incident.GroupId, group!.Id),
            RecordDocument.Change("assigneeId", incident.AssigneeId, request.AssigneeId),
        };
        if (incident.AssigneeId is not null)
        {
            incident.LastResolverId = incident.AssigneeId;
        }

        if (reassignment)
        {
            incident.ReassignmentCount++;
            changes.Add(RecordDocument.Change("reassignmentCount", incident.ReassignmentCount - 1, incident.ReassignmentCount));
        }

        incident.State = IncidentState.Assigned;
        incident.GroupId = group.Id;
        incident.AssigneeId = request.AssigneeId;
        incident.Raise(caller.Actor, now, "IncidentAssigned", EventVisibility.Public, changes,
            Notify.Stakeholders(incident, caller.Id).Append(request.AssigneeId ?? Notify.Group(group.Id)),
            new JsonObject { ["groupName"] = group.Name, ["reason"] = request.Reason });
    }

    private static void Take(Incident incident, TransitionIncidentRequest request, Caller caller, DateTimeOffset now)
    {
        var from = incident.State;
        Allow(from == IncidentState.New ? IsServiceDesk(caller) : IsGroupMember(caller, incident) || IsServiceDesk(caller),
            from == IncidentState.New ? "Only the service desk can take a new incident." : "Only members of the assigned group or the service desk can take it.", "INC-08");
        RequireCategory(incident);
        var assignee = request.AssigneeId ?? caller.Id;
        var changes = new List<FieldChange>
        {
            RecordDocument.Change("state", from, IncidentState.InProgress),
            RecordDocument.Change("assigneeId", incident.AssigneeId, assignee),
        };
        incident.State = IncidentState.InProgress;
        incident.AssigneeId = assignee;
        incident.GroupId ??= incident.OwnerGroupId;
        IncidentClock.RecordResponse(incident, now);
        incident.Raise(caller.Actor, now, "IncidentTaken", EventVisibility.Public, changes, Notify.Stakeholders(incident, caller.Id),
            new JsonObject { ["respondedAt"] = Client.UtcTimestampConverter.Text(incident.RespondedAt!.Value), ["responseBreached"] = incident.ResponseBreached });
    }

    private static void Hold(Incident incident, TransitionIncidentRequest request, Caller caller, IncidentSettings settings, DateTimeOffset now)
    {
        if (request.HoldReason is not { } reason)
        {
            throw Problems.Unprocessable("Say why the incident is on hold: AwaitingCustomer, AwaitingSupplier or AwaitingChange.", "SLM-08", "holdReason");
        }

        incident.State = IncidentState.OnHold;
        incident.HoldReason = reason;
        if (settings.Rules.PausingHoldReasons.Contains(reason))
        {
            IncidentClock.StartPause(incident, now, reason.ToString());
            IncidentClock.StampDueTimes(incident, settings, now);
        }

        incident.Raise(caller.Actor, now, "IncidentOnHold", EventVisibility.Public,
            [RecordDocument.Change("state", IncidentState.InProgress, IncidentState.OnHold), RecordDocument.Change<HoldReason?>("holdReason", null, reason)],
            reason == HoldReason.AwaitingCustomer ? [incident.ReporterId] : [],
            new JsonObject { ["reason"] = request.Reason, ["clockPaused"] = settings.Rules.PausingHoldReasons.Contains(reason) });
    }

    private static void Close(Incident incident, TransitionIncidentRequest request, Caller caller, IncidentSettings settings, Service service, DateTimeOffset now)
    {
        var ownerMayConfirm = incident.Source == IncidentSource.Monitoring && service.OwnerId == caller.Id
            && settings.Rules.MonitoringConfirmation != Policies.MonitoringConfirmation.ClearEvent;
        if (ownerMayConfirm)
        {
            IncidentLifecycle.Close(incident, ClosureMethod.OwnerConfirmed, caller.Actor, request.Note, request.BreachCause, request.BreachNote, settings, now);
            return;
        }

        if (incident.Source == IncidentSource.Monitoring)
        {
            throw Problems.Forbidden("A monitoring incident is confirmed by its clear event or by the service owner.", "INC-06");
        }

        if (!IsServiceDesk(caller))
        {
            throw Problems.Conflict("Closure needs the reporter's confirmation (or the service desk recording one received another way).", "INC-05");
        }
        if (string.IsNullOrWhiteSpace(request.Note))
        {
            throw Problems.Unprocessable("Say how the reporter confirmed the fix.", "INC-05", "note");
        }

        IncidentLifecycle.Close(incident, ClosureMethod.ConfirmedViaAgent, caller.Actor, request.Note, request.BreachCause, request.BreachNote, settings, now);
    }

    private static void Cancel(Incident incident, TransitionIncidentRequest request, Caller caller, bool duplicateTargetExists, DateTimeOffset now)
    {
        var isReporter = incident.ReporterId == caller.Id && incident.State == IncidentState.New;
        Allow(IsServiceDesk(caller) || IsIncidentManager(caller) || isReporter, "Only the service desk, the incident manager or the reporter (withdraw) can cancel.", "INC-07");
        if (request.CancelReason is not { } reason)
        {
            throw Problems.Unprocessable("Give the reason: Duplicate, LoggedInError or Withdrawn.", "INC-07", "cancelReason");
        }

        if (isReporter && !IsServiceDesk(caller) && reason != CancelReason.Withdrawn)
        {
            throw Problems.Forbidden("As the reporter you can withdraw your incident.", "INC-07");
        }

        if (reason == CancelReason.Duplicate)
        {
            if (request.DuplicateOfId is null || !duplicateTargetExists || request.DuplicateOfId == incident.Id)
            {
                throw Problems.Unprocessable("A duplicate names the incident that survives.", "INC-07", "duplicateOfId");
            }

            incident.Links.Add(new IncidentLink(IncidentLinkKind.DuplicateOf, request.DuplicateOfId));
        }

        var from = incident.State;
        incident.State = IncidentState.Cancelled;
        incident.CancelReason = reason;
        incident.NextTimerAt = Incident.NoTimer;
        incident.Raise(caller.Actor, now, "IncidentCancelled", EventVisibility.Public,
            [RecordDocument.Change("state", from, IncidentState.Cancelled), RecordDocument.Change<CancelReason?>("cancelReason", null, reason)],
            Notify.Stakeholders(incident, caller.Id), new JsonObject { ["reason"] = request.Reason, ["duplicateOfId"] = request.DuplicateOfId });
    }

    private static void RequireCategory(Incident incident)
    {
        if (incident.Category is null)
        {
            throw Problems.Unprocessable("Classify the incident (category) before it is assigned, taken or resolved.", "INC-04", "category");
        }
    }

    private static void RequireReason(string? reason, string requirement)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Problems.Unprocessable("A reason is required.", requirement, "reason");
        }
    }

    private static void Allow(bool allowed, string detail, string requirement)
    {
        if (!allowed)
        {
            throw Problems.Forbidden(detail, requirement, "SEC-01");
        }
    }
}
