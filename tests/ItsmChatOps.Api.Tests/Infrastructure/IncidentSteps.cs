using System.Net;
using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>The common moves of an incident's life, as the people in the seed data would make them.</summary>
public sealed class IncidentSteps(ApiFactory api)
{
    public const string Reporter = "dave@contoso.test";
    public const string Agent = "alice@contoso.test";
    public const string Resolver = "bob@contoso.test";

    public HttpClient Dave => api.As(Reporter);
    public HttpClient Alice => api.As(Agent);
    public HttpClient Bob => api.As(Resolver);
    public HttpClient Carol => api.As("carol@contoso.test");

    public async Task<IncidentResponse> RaiseAsync(CreateIncidentRequest? request = null, HttpClient? as_ = null) =>
        await (await (as_ ?? Dave).PostJsonAsync("/api/incidents", request ?? Requests.Incident(category: "Software > Email")))
            .ReadAsync<IncidentResponse>(HttpStatusCode.Created);

    public async Task<IncidentResponse> MoveAsync(HttpClient client, string id, TransitionIncidentRequest request, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync($"/api/incidents/{id}/transitions", request)).ReadAsync<IncidentResponse>(expected);

    /// <summary>Raised by Dave, assigned to Messaging by Alice, taken by Bob.</summary>
    public async Task<IncidentResponse> InProgressWithBobAsync(CreateIncidentRequest? request = null)
    {
        var incident = await RaiseAsync(request);
        await MoveAsync(Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-messaging" });
        return await MoveAsync(Bob, incident.Id, new() { To = IncidentState.InProgress });
    }

    public async Task<IncidentResponse> ResolvedByBobAsync(CreateIncidentRequest? request = null, ResolutionDetails? resolution = null)
    {
        var incident = await InProgressWithBobAsync(request);
        return await MoveAsync(Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = resolution ?? Requests.Resolution() });
    }

    public async Task<IncidentResponse> GetAsync(string id, HttpClient? as_ = null) =>
        await (await (as_ ?? Alice).GetAsync($"/api/incidents/{id}")).ReadAsync<IncidentResponse>();

    public async Task<IReadOnlyList<Client.Events.EventResponse>> TimelineAsync(string id, HttpClient? as_ = null) =>
        await (await (as_ ?? Alice).GetAsync($"/api/incidents/{id}/timeline")).ReadAsync<IReadOnlyList<Client.Events.EventResponse>>();
}
