using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// Resolution, confirmation and closure (INC-05, INC-06, INC-14, INC-15, INC-17, SLM-10): the moves
/// that more than one path leads to (a card, an agent, the timer, a monitoring clear event) share
/// these steps and guards.
/// </summary>
public static class IncidentLifecycle
{
    public static void Resolve(Incident incident, TransitionIncidentRequest request, Caller caller, IncidentSettings settings, DateTimeOffset now)
    {
        var rules = settings.Rules;
        if (incident.Category is null)
        {
            throw Problems.Unprocessable("Classify the incident (category) before resolving it.", "INC-04", "category");
        }

        var resolution = request.Resolution;
        var errors = new Dictionary<string, string[]>();
        if (resolution?.Code is not { } code || !rules.ResolutionCodes.Contains(code))
        {
            errors["resolution.code"] = [$"Choose a resolution code: {string.Join(", ", rules.ResolutionCodes)}."];
        }

        if ((resolution?.Notes?.Trim().Length ?? 0) < rules.MinimumResolutionNotesLength)
        {
            errors["resolution.notes"] = [$"Resolution notes need at least {rules.MinimumResolutionNotesLength} characters."];
        }

        if (resolution?.CauseCategory is not { } cause || !rules.CauseCategories.Contains(cause))
        {
            errors["resolution.causeCategory"] = [$"Choose a cause category: {string.Join(", ", rules.CauseCategories)}."];
        }

        if (resolution?.Code == rules.CannotResolveCode && string.IsNullOrWhiteSpace(resolution.Explanation))
        {
            errors["resolution.explanation"] = ["\"Cannot resolve\" needs an explanation for the reporter (INC-15)."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "INC-14", "INC-15");
        }

        var from = incident.State;
        if (from == IncidentState.OnHold)
        {
            IncidentClock.EndPause(incident, settings, now);
        }

        IncidentClock.RecordResponse(incident, now);
        incident.ResolutionBreached = incident.ResolutionDue is { } due && now > due;
        RecordBreachCause(incident, request.BreachCause, request.BreachNote, rules);
        // INC-08: the logging agent resolved it, still at the service desk, quickly and with no reassignment.
        incident.FirstContactResolution = incident.ReassignmentCount == 0
            && (incident.GroupId is null || incident.GroupId == incident.OwnerGroupId)
            && caller.Id == (incident.LoggedById ?? incident.CreatedBy)
            && now - incident.CreatedAt <= TimeSpan.FromMinutes(rules.FirstContactWindowMinutes);
        incident.State = IncidentState.Resolved;
        incident.ResolvedAt = now;
        incident.LastResolverId = incident.AssigneeId ?? caller.Id;
        incident.Resolution = new Resolution(resolution!.Code!, resolution.Notes!.Trim(), resolution.CauseCategory!, caller.Id, resolution.Explanation, null);
        incident.LastPublicUpdateAt = now;
        incident.RefreshDerived();
        incident.Raise(caller.Actor, now, "IncidentResolved", EventVisibility.Public,
            [RecordDocument.Change("state", from, IncidentState.Resolved), RecordDocument.Change("resolutionCode", (string?)null, resolution.Code)],
            Notify.Stakeholders(incident, caller.Id).Concat(incident.GroupId is { } g ? [Notify.Group(g)] : []),
            new JsonObject { ["code"] = resolution.Code, ["notes"] = incident.Resolution.Notes, ["firstContactResolution"] = incident.FirstContactResolution });

        if (resolution.Code == rules.CannotResolveCode)
        {
            incident.Raise(caller.Actor, now, "ResolutionExplanationRequested", EventVisibility.Public, notify: [incident.ReporterId],
                data: new JsonObject { ["explanation"] = resolution.Explanation });
        }

        if (incident.Source != IncidentSource.Monitoring)
        {
            incident.Confirmation = new Confirmation(now, null, false, null);
            incident.NeedsServiceDeskContact = false;
            incident.Raise(Actor.System, now, "ConfirmationRequested", EventVisibility.Public, notify: [incident.ReporterId],
                data: new JsonObject { ["resolutionNotes"] = incident.Resolution.Notes });
        }
    }

    /// <summary>INC-05/INC-17: only the reporter answers "is it fixed?", and only while the incident is Resolved.</summary>
    public static void Confirm(Incident incident, ConfirmResolutionRequest request, Caller caller, IncidentSettings settings, DateTimeOffset now)
    {
        if (incident.ReporterId != caller.Id)
        {
            throw Problems.Forbidden("Only the person who reported the incident can confirm or reject its resolution.", "INC-05");
        }

        if (incident.State != IncidentState.Resolved)
        {
            throw Problems.Conflict(incident.State == IncidentState.Closed
                ? $"{incident.Id} is already closed; if it is still happening, report it again as a recurrence."
                : $"{incident.Id} is {incident.State}; there is no resolution to confirm.", "INC-05", "INC-17");
        }

        if (request.Fixed == true)
        {
            Close(incident, ClosureMethod.ReporterConfirmed, caller.Actor, null, null, null, settings, now);
            return;
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw Problems.Unprocessable("Say what is still wrong.", "INC-17", "reason");
        }

        Reopen(incident, caller.Actor, request.Reason, settings, now);
    }

    /// <summary>INC-17: back to the last resolver, reopen count up, and the time spent Resolved does not count against the target.</summary>
    public static void Reopen(Incident incident, Actor actor, string reason, IncidentSettings settings, DateTimeOffset now)
    {
        incident.Pauses.Add(new ClockPause(incident.ResolvedAt ?? now, now, "Resolved"));
        incident.State = IncidentState.InProgress;
        incident.ReopenCount++;
        incident.AssigneeId = incident.LastResolverId;
        incident.ResolvedAt = null;
        incident.ResolutionBreached = false;
        incident.Confirmation = null;
        incident.Resolution = null;
        IncidentClock.StampDueTimes(incident, settings, now);
        incident.Raise(actor, now, "IncidentReopened", EventVisibility.Public,
            [RecordDocument.Change("state", IncidentState.Resolved, IncidentState.InProgress), RecordDocument.Change("reopenCount", incident.ReopenCount - 1, incident.ReopenCount)],
            Notify.Worker(incident), new JsonObject { ["reason"] = reason });
    }

    public static void Resume(Incident incident, Actor actor, IncidentSettings settings, DateTimeOffset now)
    {
        incident.State = IncidentState.InProgress;
        var reason = incident.HoldReason;
        incident.HoldReason = null;
        IncidentClock.EndPause(incident, settings, now);
        incident.Raise(actor, now, "IncidentResumed", EventVisibility.Public,
            [RecordDocument.Change("state", IncidentState.OnHold, IncidentState.InProgress), RecordDocument.Change("holdReason", reason, null)],
            actor.IsSystem ? Notify.Worker(incident) : []);
    }

    /// <summary>Every closure path: the INC-15 message must have been delivered and a breach needs its cause (SLM-10).</summary>
    public static void Close(Incident incident, ClosureMethod method, Actor actor, string? note, string? breachCause, string? breachNote, IncidentSettings settings, DateTimeOffset now)
    {
        if (incident.Resolution is { Code: var code, ExplanationDeliveredAt: null } && code == settings.Rules.CannotResolveCode)
        {
            throw Problems.Conflict("The explanation to the reporter has not been delivered yet; the incident cannot close before it is.", "INC-15");
        }

        RecordBreachCause(incident, breachCause, breachNote, settings.Rules);
        incident.State = IncidentState.Closed;
        incident.Closure = new Closure(method, actor.Id, now, note);
        incident.NextTimerAt = Incident.NoTimer;
        incident.RefreshDerived();
        incident.Raise(actor, now, "IncidentClosed", EventVisibility.Public,
            [RecordDocument.Change("state", IncidentState.Resolved, IncidentState.Closed), RecordDocument.Change<ClosureMethod?>("closureMethod", null, method)],
            Notify.Stakeholders(incident, actor.Id), new JsonObject { ["method"] = method.ToString(), ["note"] = note });
    }

    /// <summary>SLM-10: a breached record carries a cause from the configured list (and a note) before it closes.</summary>
    private static void RecordBreachCause(Incident incident, string? cause, string? note, Policies.IncidentPolicy rules)
    {
        if (cause is not null)
        {
            if (!rules.BreachCauses.Contains(cause))
            {
                throw Problems.Unprocessable($"Choose a breach cause: {string.Join(", ", rules.BreachCauses)}.", "SLM-10", "breachCause");
            }

            incident.BreachCause = cause;
            incident.BreachNote = note;
        }

        if ((incident.ResponseBreached || incident.ResolutionBreached) && (incident.BreachCause is null || string.IsNullOrWhiteSpace(incident.BreachNote)))
        {
            throw Problems.Unprocessable("A target was breached: record the breach cause and a note.", "SLM-10", "breachCause");
        }
    }
}
