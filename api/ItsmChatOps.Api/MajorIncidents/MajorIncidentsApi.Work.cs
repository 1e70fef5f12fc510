using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.MajorIncidents;

public static partial class MajorIncidentsApi
{
    private static async Task<Ok<MajorIncidentResponse>> PostUpdateAsync(string id, PostStatusUpdateRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken)
    {
        var major = await majors.ChangeAsync(id, caller, ETags.IfMatch(context), async (major, policy, now) =>
        {
            MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
            var audiences = await majors.Contexts.AudiencesAsync(major, cancellationToken);
            MajorIncidentComms.PostUpdate(major, request, audiences, caller, policy, now);
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, major));
    }

    private static async Task<Ok<MajorIncidentResponse>> AcknowledgeAsync(string id, Caller caller, MajorIncidentService majors, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, null,
            (major, _, now) => MajorIncidentClock.Acknowledge(major, caller, now), cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> RecordWarRoomAsync(string id, RecordWarRoomRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken)
    {
        var major = await majors.ChangeAsync(id, caller, null, async (major, policy, now) =>
        {
            MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
            var invitees = (await majors.Contexts.DeclarationAsync(major, major.ManagerId, policy, cancellationToken)).WarRoomInvitees;
            MajorIncidentComms.RecordWarRoom(major, request, invitees, caller, now);
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, major));
    }

    private static async Task<Ok<MajorIncidentResponse>> InviteAsync(string id, InviteToWarRoomRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, null,
            (major, _, now) => MajorIncidentComms.Invite(major, request.PersonIds!, caller, now), cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> ArchivedAsync(string id, WarRoomArchivedReport report, ServiceCaller service, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsSystemAsync(id, (major, _, now) =>
        {
            MajorIncidentComms.Archived(major, report.ChannelId!, service.Id, now);
            return Task.CompletedTask;
        }, cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> AddTimelineEntryAsync(string id, AddTimelineEntryRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, null,
            (major, _, now) => MajorIncidentComms.AddTimelineEntry(major, request, caller, now), cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> LinkChildAsync(string id, LinkChildIncidentRequest request, Caller caller, ChildIncidentService children,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await children.AttachAsync(id, request.IncidentId!, caller, joining: false, cancellationToken)));

    private static async Task<Ok<MajorIncidentResponse>> JoinAsync(string id, LinkChildIncidentRequest request, Caller caller, ChildIncidentService children,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await children.AttachAsync(id, request.IncidentId!, caller, joining: true, cancellationToken)));

    private static async Task<Ok<CascadeResult>> CascadeAsync(string id, Caller caller, ChildIncidentService children, CancellationToken cancellationToken) =>
        TypedResults.Ok(await children.CascadeAsync(id, caller, cancellationToken));

    private static async Task<Ok<MajorIncidentResponse>> SaveReviewAsync(string id, SaveReviewRequest request, Caller caller, MajorIncidentService majors,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await majors.ChangeAsync(id, caller, ETags.IfMatch(context),
            (major, _, now) => MajorIncidentReviews.Save(major, request, caller, now), cancellationToken)));
}
