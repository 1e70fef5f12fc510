using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Changes;

public static partial class ChangesApi
{
    private static async Task<Ok<ScheduleResponse>> ScheduleAsync(string? serviceId, DateTimeOffset? from, DateTimeOffset? to, Caller caller,
        ChangeService changes, ChangeSchedule schedule, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff && !caller.IsCustomerUser)
        {
            throw Problems.Forbidden("The forward schedule of changes is for staff and customers.", "CHG-08");
        }

        var (policy, _) = await changes.PolicyAsync(cancellationToken);
        var start = from ?? time.GetUtcNow();
        var end = to ?? start + TimeSpan.FromDays(policy.ScheduleDays);
        if (end <= start || end - start > TimeSpan.FromDays(366))
        {
            throw Problems.BadRequest("'to' must be after 'from', at most a year later.", "to");
        }

        var visible = caller.IsStaff ? null : await changes.CustomerServicesAsync(caller, cancellationToken);
        return TypedResults.Ok(await schedule.BuildAsync(serviceId, start, end, visible, cancellationToken));
    }

    /// <summary>"Raise change" on an incident (CHG-01): the incident's service, CIs, problem and known errors carried over.</summary>
    private static async Task<Ok<CreateChangeRequest>> DraftFromIncidentAsync(string incidentId, Caller caller, IncidentService incidents, CancellationToken cancellationToken)
    {
        ChangeAccess.Allow(caller.IsStaff, "Changes are raised by staff.", "CHG-01");
        var (incident, _) = await incidents.ReadAsync(incidentId, caller, cancellationToken);
        var related = incident.Links.Where(l => l.Kind is IncidentLinkKind.Problem or IncidentLinkKind.KnownError).Select(l => l.TargetId);
        var title = $"Fix for {incident.Id}: {incident.Summary}";
        return TypedResults.Ok(new CreateChangeRequest
        {
            Model = ChangeModel.Normal,
            Title = title.Length <= 200 ? title : title[..200],
            Description = incident.Description ?? incident.Summary,
            BenefitCategory = BenefitCategory.FaultFix,
            Justification = $"Removes the cause of {incident.Id} ({incident.Priority}, {incident.ServiceId}).",
            OriginRefs = [incident.Id, .. related],
            ServiceIds = [incident.ServiceId],
            CiIds = incident.CiIds,
        });
    }

    private static async Task<Ok<IReadOnlyList<LinkView>>> LinksAsync(string id, Caller caller, ChangeService changes, LinkStore links, CancellationToken cancellationToken)
    {
        await changes.ReadAsync(id, caller, cancellationToken);
        IReadOnlyList<LinkView> result = (await links.OfAsync(id, cancellationToken))
            .Select(l => LinkView.From(l.FromId, l.Kind, l.ToId, id, l.CreatedAt))
            .ToList();
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<IReadOnlyList<EventResponse>>> TimelineAsync(string id, Caller caller, ChangeService changes, EventLog log, CancellationToken cancellationToken)
    {
        var change = await changes.ReadAsync(id, caller, cancellationToken);
        var staff = caller.IsStaff;
        IReadOnlyList<EventResponse> events = (await log.TimelineAsync(change, cancellationToken))
            .Select(e => staff ? e.ToResponse() : e.ToResponse() with { Notify = [] })
            .ToList();
        return TypedResults.Ok(events);
    }
}
