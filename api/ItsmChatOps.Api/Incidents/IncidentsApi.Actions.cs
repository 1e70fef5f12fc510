using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Incidents;

public static partial class IncidentsApi
{
    private static async Task<Ok<IncidentResponse>> TransitionAsync(string id, TransitionIncidentRequest request, Caller caller, IncidentService incidents,
        PeopleStore people, ServiceStore services, MajorIncidents.MajorIncidentAuthority authority, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var group = request.GroupId is null ? null : await people.GetGroupAsync(request.GroupId, cancellationToken);
        var duplicateExists = request.DuplicateOfId is not null && await Exists(incidents, request.DuplicateOfId, caller, cancellationToken);
        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), async (incident, settings, now) =>
        {
            var service = await services.GetAsync(incident.ServiceId, cancellationToken) ?? throw Problems.NotFound("Service", incident.ServiceId);
            var majorIncidentManager = await authority.IsManagerAsync(caller, incident, cancellationToken);
            IncidentTransitions.Apply(incident, request, caller, settings, new TransitionInputs(group, duplicateExists, service, majorIncidentManager), now);
            return incident;
        }, cancellationToken);
        if (incident.CancelReason == CancelReason.Duplicate && request.DuplicateOfId is { } survivor)
        {
            await incidents.AddLinkAsync(incident, IncidentLinkKind.DuplicateOf, survivor, caller.Actor, cancellationToken);
        }

        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> ConfirmAsync(string id, ConfirmResolutionRequest request, Caller caller, IncidentService incidents,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), (incident, settings, now) =>
        {
            IncidentLifecycle.Confirm(incident, request, caller, settings, now);
            return incident;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> AddNoteAsync(string id, AddNoteRequest request, Caller caller, IncidentService incidents,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), (incident, settings, now) =>
        {
            if (IncidentEdits.AddNote(incident, request, caller, settings, now))
            {
                IncidentLifecycle.Resume(incident, Actor.System, settings, now); // the reporter replied (§16.1 OnHold → InProgress by SYS)
            }

            return incident;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> EscalateAsync(string id, EscalateIncidentRequest request, Caller caller, IncidentService incidents,
        PeopleStore people, ServiceStore services, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var target = request.GroupId is null ? null : await people.GetGroupAsync(request.GroupId, cancellationToken);
        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), async (incident, settings, now) =>
        {
            var service = await services.GetAsync(incident.ServiceId, cancellationToken) ?? throw Problems.NotFound("Service", incident.ServiceId);
            IncidentEdits.RequireCanEscalate(incident, caller);
            if (request.Kind == EscalationKind.Functional)
            {
                var reassign = new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = request.GroupId, Reason = request.Reason };
                IncidentTransitions.Apply(incident, reassign, caller, settings, new TransitionInputs(target, false, service), now);
            }

            var lead = incident.GroupId is null ? null : (await people.GetGroupAsync(incident.GroupId, cancellationToken))?.LeadId;
            IncidentEdits.Escalate(incident, request, caller, service, now, () => lead);
            return incident;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> MeTooAsync(string id, Caller caller, IncidentService incidents, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var incident = await incidents.ChangeAsSystemAsync(id, (incident, settings, now) =>
        {
            if (IncidentAccess.IsRestricted(incident) && !IncidentAccess.IsInvolved(caller, incident))
            {
                throw Problems.NotFound("Incident", id);
            }

            IncidentEdits.AddAffected(incident, caller, settings, now);
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> WatchAsync(string id, WatchRequest? request, Caller caller, IncidentService incidents, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var incident = await incidents.ChangeAsync(id, caller, null, (incident, _, now) =>
        {
            IncidentEdits.AddWatcher(incident, request?.PersonId ?? caller.Id, caller, now);
            return incident;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentActionResult>> WorkaroundAsync(string id, RecordWorkaroundRequest request, Caller caller, IncidentService incidents,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<IncidentPrompt> prompts = [];
        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), (incident, settings, now) =>
        {
            prompts = IncidentEdits.RecordWorkaround(incident, request, caller, now);
            return incident;
        }, cancellationToken);
        return TypedResults.Ok(new IncidentActionResult(WithETag(context, incident, time, caller.IsStaff), prompts));
    }

    private static async Task<Created<IncidentResponse>> RecurrenceAsync(string id, RecurrenceRequest request, Caller caller, IncidentService incidents,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var (original, _) = await incidents.ReadAsync(id, caller, cancellationToken);
        if (original.ReporterId != caller.Id && !IncidentAccess.IsServiceDesk(caller))
        {
            throw Problems.Forbidden("The reporter or the service desk can report a recurrence.", "INC-17");
        }

        if (original.State != IncidentState.Closed)
        {
            throw Problems.Conflict($"{id} is {original.State}: reject its resolution or comment on it instead of reporting a recurrence.", "INC-17");
        }

        var created = await incidents.CreateRecurrenceAsync(original, request.Description, caller, cancellationToken);
        return TypedResults.Created($"/api/incidents/{created.Id}", WithETag(context, created, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> DeliveryAsync(string id, DeliveryReport report, ServiceCaller service, IncidentService incidents,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var incident = await incidents.ChangeAsSystemAsync(id, (incident, settings, now) =>
            IncidentDeliveries.Record(incident, report, service.Id, settings, now), cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, staffView: false));
    }

    private static async Task<Ok<IncidentResponse>> MonitoringClearAsync(MonitoringClearRequest request, Caller caller, IncidentService incidents,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (!caller.IsMonitoring)
        {
            throw Problems.Forbidden("Only a monitoring service principal sends clear events.", "INC-06");
        }

        var id = await incidents.IncidentForDedupeKeyAsync(request.DedupeKey!, cancellationToken)
            ?? throw Problems.NotFound("Alert", request.DedupeKey!);
        var incident = await incidents.ChangeAsSystemAsync(id, (incident, settings, now) =>
            IncidentDeliveries.MonitoringCleared(incident, caller.Actor, settings, now), cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<bool> Exists(IncidentService incidents, string id, Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            await incidents.ReadAsync(id, caller, cancellationToken);
            return true;
        }
        catch (ProblemException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }
    }
}
