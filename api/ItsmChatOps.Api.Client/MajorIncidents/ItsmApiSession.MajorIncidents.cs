using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;

namespace ItsmChatOps.Api.Client;

/// <summary>Major incidents on behalf of one person (requirements §7.2.1).</summary>
public sealed partial class ItsmApiSession
{
    public Task<MajorIncidentResponse> DeclareMajorIncidentAsync(DeclareMajorIncidentRequest request, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>("api/major-incidents", request, cancellationToken);

    public Task<MajorIncidentResponse> GetMajorIncidentAsync(string id, CancellationToken cancellationToken = default) =>
        Get<MajorIncidentResponse>(MajorPath(id), cancellationToken);

    /// <summary>Open major incidents on a service or CI: what to offer "join" for when someone raises an incident there (MAJ-08).</summary>
    public Task<IReadOnlyList<OpenMajorIncidentView>> OpenMajorIncidentsAsync(string? serviceId = null, string? ciId = null, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<OpenMajorIncidentView>>("api/major-incidents?" + ItsmApiClient.Query(new { serviceId, ciId }), cancellationToken);

    public Task<MajorIncidentResponse> TransitionMajorIncidentAsync(string id, TransitionMajorIncidentRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "transitions"), request, cancellationToken, ifMatch);

    public Task<MajorIncidentResponse> UpdateMajorIncidentAsync(string id, UpdateMajorIncidentRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        client.SendAsync<MajorIncidentResponse>(HttpMethod.Patch, MajorPath(id), request, ifMatch is null ? null : ("If-Match", ifMatch), cancellationToken, User);

    public Task<MajorIncidentResponse> OfferHandoverAsync(string id, OfferHandoverRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "handover"), request, cancellationToken, ifMatch);

    public Task<MajorIncidentResponse> AcceptHandoverAsync(string id, CancellationToken cancellationToken = default) =>
        client.SendAsync<MajorIncidentResponse>(HttpMethod.Post, MajorPath(id, "handover/accept"), null, null, cancellationToken, User);

    public Task<MajorIncidentResponse> DeclineHandoverAsync(string id, DeclineHandoverRequest request, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "handover/decline"), request, cancellationToken);

    public Task<MajorIncidentResponse> PostStatusUpdateAsync(string id, PostStatusUpdateRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "updates"), request, cancellationToken, ifMatch);

    public Task<MajorIncidentResponse> AcknowledgeMajorIncidentAsync(string id, CancellationToken cancellationToken = default) =>
        client.SendAsync<MajorIncidentResponse>(HttpMethod.Post, MajorPath(id, "acknowledgements"), null, null, cancellationToken, User);

    public Task<MajorIncidentResponse> RecordWarRoomAsync(string id, RecordWarRoomRequest request, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "war-room"), request, cancellationToken);

    public Task<MajorIncidentResponse> InviteToWarRoomAsync(string id, InviteToWarRoomRequest request, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "war-room/invitations"), request, cancellationToken);

    public Task<MajorIncidentResponse> AddTimelineEntryAsync(string id, AddTimelineEntryRequest request, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "timeline"), request, cancellationToken);

    public Task<IReadOnlyList<EventResponse>> MajorIncidentTimelineAsync(string id, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<EventResponse>>(MajorPath(id, "timeline"), cancellationToken);

    public Task<MajorIncidentResponse> LinkChildIncidentAsync(string id, string incidentId, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "children"), new LinkChildIncidentRequest(incidentId), cancellationToken);

    /// <summary>The reporter joins their new incident to the major incident and watches it (MAJ-08).</summary>
    public Task<MajorIncidentResponse> JoinMajorIncidentAsync(string id, string incidentId, CancellationToken cancellationToken = default) =>
        Post<MajorIncidentResponse>(MajorPath(id, "join"), new LinkChildIncidentRequest(incidentId), cancellationToken);

    public Task<CascadeResult> CascadeResolutionAsync(string id, CancellationToken cancellationToken = default) =>
        client.SendAsync<CascadeResult>(HttpMethod.Post, MajorPath(id, "cascade"), null, null, cancellationToken, User);

    public Task<MajorIncidentResponse> SaveReviewAsync(string id, SaveReviewRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        client.SendAsync<MajorIncidentResponse>(HttpMethod.Put, MajorPath(id, "review"), request, ifMatch is null ? null : ("If-Match", ifMatch), cancellationToken, User);

    private static string MajorPath(string id, string? action = null) =>
        $"api/major-incidents/{Uri.EscapeDataString(id)}" + (action is null ? "" : "/" + action);
}
