using System.Net;
using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.ServiceLevels;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.MajorIncidents;

/// <summary>
/// The moves of a major incident as the seed's people make them: Dave reports, Carol is the incident manager,
/// Heidi leads the service desk, Alice is service desk, Bob and Mia resolve in Messaging, Oscar owns the services.
/// </summary>
public sealed class MajorIncidentSteps(ApiFactory api)
{
    public IncidentSteps Incidents { get; } = new(api);

    public HttpClient Carol => api.As("carol@contoso.test");
    public HttpClient Heidi => api.As("heidi@contoso.test");
    public HttpClient Alice => api.As("alice@contoso.test");
    public HttpClient Mia => api.As("mia@contoso.test");
    public HttpClient Bob => api.As("bob@contoso.test");
    public HttpClient Grace => api.As("grace@contoso.test");

    /// <summary>A P1 on email, raised by Dave (or someone else) and assigned to Messaging.</summary>
    public async Task<IncidentResponse> P1Async(string summary = "Nobody can send email", HttpClient? reporter = null, string service = "svc-email")
    {
        var incident = await Incidents.RaiseAsync(Requests.Incident(summary, service, Impact.High, Urgency.High, "Software > Email"), reporter);
        return await Incidents.MoveAsync(Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-messaging" });
    }

    /// <summary>A medium incident nobody would call major, raised by Dave.</summary>
    public Task<IncidentResponse> MinorAsync(HttpClient? reporter = null, string service = "svc-email") =>
        Incidents.RaiseAsync(Requests.Incident("One shared calendar is slow", service, Impact.Low, Urgency.Low, "Software > Email"), reporter);

    public Task<HttpResponseMessage> DeclareRawAsync(HttpClient client, string incidentId, string? managerId = "carol", string reason = "Whole company without email") =>
        client.PostJsonAsync("/api/major-incidents", new DeclareMajorIncidentRequest { IncidentId = incidentId, ManagerId = managerId, Reason = reason });

    /// <summary>Carol declares the incident major and names herself (or someone else) manager.</summary>
    public async Task<MajorIncidentResponse> DeclareAsync(string incidentId, string managerId = "carol")
    {
        var response = await DeclareRawAsync(Carol, incidentId, managerId);
        return await response.ReadAsync<MajorIncidentResponse>(response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Created);
    }

    public async Task<MajorIncidentResponse> DeclaredP1Async(string managerId = "carol")
    {
        var incident = await P1Async();
        return await DeclareAsync(incident.Id, managerId);
    }

    /// <summary>Ends every open major incident, so a test's incidents are not offered to join another test's (MAJ-08).</summary>
    public async Task ClearAsync()
    {
        await api.RunReactionsAsync();
        foreach (var open in await OpenAsync())
        {
            var to = open.State == MajorIncidentState.Proposed ? MajorIncidentState.Rejected : MajorIncidentState.Downgraded;
            await PostAsync(Carol, open.Id, "transitions", new TransitionMajorIncidentRequest { To = to, Reason = "Another test's" });
        }
    }

    public async Task<MajorIncidentResponse> GetAsync(string id, HttpClient? as_ = null) =>
        await (await (as_ ?? Carol).GetAsync($"/api/major-incidents/{id}")).ReadAsync<MajorIncidentResponse>();

    public async Task<IReadOnlyList<OpenMajorIncidentView>> OpenAsync(string? serviceId = null, HttpClient? as_ = null) =>
        await (await (as_ ?? Carol).GetAsync("/api/major-incidents" + (serviceId is null ? "" : $"?serviceId={serviceId}")))
            .ReadAsync<IReadOnlyList<OpenMajorIncidentView>>();

    public async Task<IReadOnlyList<EventResponse>> TimelineAsync(string id) =>
        await (await Carol.GetAsync($"/api/major-incidents/{id}/timeline")).ReadAsync<IReadOnlyList<EventResponse>>();

    public async Task<List<EventResponse>> EventsAsync(string id, string kind) => (await TimelineAsync(id)).Where(e => e.Kind == kind).ToList();

    public Task<HttpResponseMessage> PostAsync<T>(HttpClient client, string id, string action, T body) =>
        client.PostJsonAsync($"/api/major-incidents/{id}/{action}", body);

    public async Task<MajorIncidentResponse> MoveAsync(HttpClient client, string id, MajorIncidentState to, string? reason = null) =>
        await (await PostAsync(client, id, "transitions", new TransitionMajorIncidentRequest { To = to, Reason = reason })).ReadAsync<MajorIncidentResponse>();

    public async Task<MajorIncidentResponse> UpdateAsync(string id, HttpClient? as_ = null, int? nextInMinutes = null) =>
        await (await PostAsync(as_ ?? Carol, id, "updates", new PostStatusUpdateRequest
        {
            Status = "Mail flow stopped at the gateway; failing over.",
            BusinessImpact = "No email in or out for all staff.",
            Actions = "Messaging fails over to the second gateway.",
            NextUpdateInMinutes = nextInMinutes,
        })).ReadAsync<MajorIncidentResponse>();

    /// <summary>An active SLA for a customer of the service, with Oscar as emergency contact and Carol on the P1 path.</summary>
    public async Task<SlaResponse> ActiveSlaAsync(string service, string customer, params string[] emergencyContacts)
    {
        var request = new SaveSlaRequest
        {
            Name = $"{service} for {customer}",
            CustomerId = customer,
            ServiceIds = [service],
            CalendarId = "office-hours",
            Targets =
            [
                new(Priority.P1, new(15, TargetUnit.Minutes), new(4, TargetUnit.Hours), TwentyFourSeven: true),
                new(Priority.P2, new(30, TargetUnit.Minutes), new(8, TargetUnit.Hours)),
                new(Priority.P3, new(2, TargetUnit.Hours), new(2, TargetUnit.Days)),
                new(Priority.P4, new(1, TargetUnit.Days), new(5, TargetUnit.Days)),
                new(Priority.P5, new(2, TargetUnit.Days), new(10, TargetUnit.Days)),
            ],
            EmergencyContactIds = [.. emergencyContacts],
            EscalationPath = [new(Priority.P1, ["heidi"])],
            Items = Api.ServiceLevels.ServiceLevelAgreement.RequiredItems.ToDictionary(i => i, i => new SlaItem($"Agreed text for {i}.", null)),
        };
        var draft = await (await Grace.PostAsJsonAsync("/api/slas", request, ItsmJson.Options)).ReadAsync<SlaResponse>(HttpStatusCode.Created);
        return await (await Grace.PostAsync($"/api/slas/{draft.Id}/activate", null)).ReadAsync<SlaResponse>();
    }
}
