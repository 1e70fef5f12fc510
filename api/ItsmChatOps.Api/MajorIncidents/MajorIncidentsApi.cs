using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>Major incidents (requirements §7.2.1, §16.2): the route table, then the handlers.</summary>
public static partial class MajorIncidentsApi
{
    public static RouteGroupBuilder MapMajorIncidents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/major-incidents").WithTags("Major incidents")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", DeclareAsync).Validated<DeclareMajorIncidentRequest>()
            .WithSummary("Declare a major incident, naming its manager (MAJ-01 … MAJ-03); a proposed one for the incident is declared.").ProducesProblem(409);
        group.MapGet("/", OpenAsync).WithSummary("Open major incidents, optionally on a service or CI: what a new incident is offered to join (MAJ-08).");
        group.MapGet("/{id}", GetAsync).WithSummary("One major incident; the ETag header is the version to send back in If-Match.").ProducesProblem(404);
        group.MapPatch("/{id}", UpdateAsync).Validated<UpdateMajorIncidentRequest>()
            .WithSummary("Edit the headline and affected customers; the manager is never emptied (422) and changes only by handover (MAJ-03).");
        group.MapPost("/{id}/transitions", TransitionAsync).Validated<TransitionMajorIncidentRequest>()
            .WithSummary("Move along §16.2; other moves are 409. Closed approves the completed review (MAJ-09).").ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/handover", OfferAsync).Validated<OfferHandoverRequest>().WithSummary("The manager or the incident manager offers the manager role (MAJ-03).");
        group.MapPost("/{id}/handover/accept", AcceptAsync).WithSummary("The offered person accepts: the role moves now (MAJ-03).");
        group.MapPost("/{id}/handover/decline", DeclineAsync).Validated<DeclineHandoverRequest>().WithSummary("The offered person declines; the manager stays.");
        group.MapPost("/{id}/updates", PostUpdateAsync).Validated<PostStatusUpdateRequest>()
            .WithSummary("A stakeholder update to the war room, the service desk, the affected people and customer contacts, each once (MAJ-06).");
        group.MapPost("/{id}/acknowledgements", AcknowledgeAsync).WithSummary("Acknowledge the declaration you were told about (MAJ-07).");
        group.MapPost("/{id}/war-room", RecordWarRoomAsync).Validated<RecordWarRoomRequest>().WithSummary("Record the war room the bot opened or someone linked; invitations go out (MAJ-05).");
        group.MapPost("/{id}/war-room/invitations", InviteAsync).Validated<InviteToWarRoomRequest>().WithSummary("Invite more people to the war room (MAJ-04).");
        group.MapPost("/{id}/war-room/archived", ArchivedAsync).Validated<WarRoomArchivedReport>().WithSummary("The bot reports the war room archived after the review closed (MAJ-05).");
        group.MapPost("/{id}/timeline", AddTimelineEntryAsync).Validated<AddTimelineEntryRequest>().WithSummary("Copy a chat message into the timeline, with its link (MAJ-05).");
        group.MapGet("/{id}/timeline", TimelineAsync).WithSummary("Every action on the major incident in time order.");
        group.MapPost("/{id}/children", LinkChildAsync).Validated<LinkChildIncidentRequest>().WithSummary("Link an existing incident as a child (MAJ-08).");
        group.MapPost("/{id}/join", JoinAsync).Validated<LinkChildIncidentRequest>().WithSummary("The reporter joins their incident as a child and watches the parent (MAJ-08).");
        group.MapPost("/{id}/cascade", CascadeAsync).WithSummary("Resolve every open child with the parent's resolution; each reporter is asked to confirm (MAJ-08, INC-05).");
        group.MapPut("/{id}/review", SaveReviewAsync).Validated<SaveReviewRequest>().WithSummary("Write or complete the review (MAJ-09).");
        return group;
    }

    private static async Task<Results<Created<MajorIncidentResponse>, Ok<MajorIncidentResponse>>> DeclareAsync(DeclareMajorIncidentRequest request, Caller caller,
        MajorIncidentService majors, HttpContext context, CancellationToken cancellationToken)
    {
        var (major, created) = await majors.DeclareAsync(request, caller, cancellationToken);
        var response = WithETag(context, major);
        return created ? TypedResults.Created($"/api/major-incidents/{major.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<IReadOnlyList<OpenMajorIncidentView>>> OpenAsync(Caller caller, MajorIncidentStore store, string? serviceId, string? ciId, CancellationToken cancellationToken)
    {
        IReadOnlyList<OpenMajorIncidentView> open = (await store.OpenAsync(cancellationToken))
            .Where(m => (caller.IsStaff || !m.Restricted) && (serviceId is null || m.ServiceId == serviceId) && (ciId is null || m.CiIds.Contains(ciId)))
            .Select(MajorIncidentMapping.ToOpenView)
            .ToList();
        return TypedResults.Ok(open);
    }

    private static async Task<Ok<MajorIncidentResponse>> GetAsync(string id, Caller caller, MajorIncidentService majors, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ReadAsync(id, caller, cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> UpdateAsync(string id, UpdateMajorIncidentRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, ETags.IfMatch(context),
            (major, _, now) => MajorIncidentManagers.Update(major, request, caller, now), cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> TransitionAsync(string id, TransitionMajorIncidentRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.TransitionAsync(id, request, caller, ETags.IfMatch(context), cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> OfferAsync(string id, OfferHandoverRequest request, Caller caller, MajorIncidentService majors,
        People.PeopleStore people, HttpContext context, CancellationToken cancellationToken)
    {
        var known = await people.GetAsync(request.ToId!, cancellationToken) is not null;
        return TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, ETags.IfMatch(context),
            (major, _, now) => MajorIncidentManagers.Offer(major, request, known, caller, now), cancellationToken)));
    }

    private static async Task<Ok<MajorIncidentResponse>> AcceptAsync(string id, Caller caller, MajorIncidentService majors, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, ETags.IfMatch(context),
            (major, _, now) => MajorIncidentManagers.Accept(major, caller, now), cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> DeclineAsync(string id, DeclineHandoverRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, ETags.IfMatch(context),
            (major, _, now) => MajorIncidentManagers.Decline(major, request.Reason, caller, now), cancellationToken)));

    private static async Task<Ok<IReadOnlyList<EventResponse>>> TimelineAsync(string id, Caller caller, MajorIncidentService majors, EventLog log, CancellationToken cancellationToken)
    {
        var major = await majors.ReadAsync(id, caller, cancellationToken);
        IReadOnlyList<EventResponse> events = (await log.TimelineAsync(major, cancellationToken)).Select(e => e.ToResponse()).ToList();
        return TypedResults.Ok(events);
    }

    private static MajorIncidentResponse WithETag(HttpContext context, MajorIncident major)
    {
        context.Response.Headers.ETag = major.ETag;
        return MajorIncidentMapping.ToResponse(major);
    }
}
