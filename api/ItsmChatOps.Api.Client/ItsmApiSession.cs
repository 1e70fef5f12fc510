using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Client.Policies;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Client.Surveys;

namespace ItsmChatOps.Api.Client;

/// <summary>Calls on behalf of one person: the API applies that person's roles and relationships to every one. Change and CI calls are in ItsmApiSession.Changes.cs, reports in ItsmApiSession.Reporting.cs, applied fixes and problem candidates in ItsmApiSession.Knowledge.cs.</summary>
public sealed partial class ItsmApiSession(ItsmApiClient client, ActingUser user)
{
    public ActingUser User { get; } = user;

    public Task<PersonResponse> MeAsync(CancellationToken cancellationToken = default) => Get<PersonResponse>("api/me", cancellationToken);

    /// <summary>Staff: people whose name or email matches <paramref name="text"/>.</summary>
    public Task<Page<PersonResponse>> FindPeopleAsync(string text, CancellationToken cancellationToken = default) =>
        Get<Page<PersonResponse>>("api/people?text=" + Uri.EscapeDataString(text), cancellationToken);

    public Task<IncidentDraft> DraftIncidentAsync(string text, CancellationToken cancellationToken = default) =>
        Post<IncidentDraft>("api/incidents/drafts", new DraftIncidentRequest(text), cancellationToken);

    /// <summary>Raises an incident; the idempotency key makes a retried submit return the first incident.</summary>
    public Task<IncidentResponse> CreateIncidentAsync(CreateIncidentRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        client.SendAsync<IncidentResponse>(HttpMethod.Post, "api/incidents", request, ("Idempotency-Key", idempotencyKey), cancellationToken, User);

    public Task<IncidentResponse> GetIncidentAsync(string id, CancellationToken cancellationToken = default) =>
        Get<IncidentResponse>($"api/incidents/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<Page<IncidentSummary>> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken = default) =>
        Get<Page<IncidentSummary>>("api/incidents?" + ItsmApiClient.Query(query), cancellationToken);

    public Task<IncidentResponse> TransitionAsync(string id, TransitionIncidentRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Post<IncidentResponse>($"api/incidents/{Uri.EscapeDataString(id)}/transitions", request, cancellationToken, ifMatch);

    public Task<IncidentResponse> ConfirmResolutionAsync(string id, ConfirmResolutionRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Post<IncidentResponse>($"api/incidents/{Uri.EscapeDataString(id)}/confirmation", request, cancellationToken, ifMatch);

    public Task<IncidentResponse> AddNoteAsync(string id, AddNoteRequest request, CancellationToken cancellationToken = default) =>
        Post<IncidentResponse>($"api/incidents/{Uri.EscapeDataString(id)}/notes", request, cancellationToken);

    public Task<IncidentResponse> MeTooAsync(string id, CancellationToken cancellationToken = default) =>
        client.SendAsync<IncidentResponse>(HttpMethod.Post, $"api/incidents/{Uri.EscapeDataString(id)}/affected", null, null, cancellationToken, User);

    public Task<IncidentResponse> RecurrenceAsync(string id, RecurrenceRequest request, CancellationToken cancellationToken = default) =>
        Post<IncidentResponse>($"api/incidents/{Uri.EscapeDataString(id)}/recurrence", request, cancellationToken);

    public Task<IReadOnlyList<EventResponse>> TimelineAsync(string id, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<EventResponse>>($"api/incidents/{Uri.EscapeDataString(id)}/timeline", cancellationToken);

    public Task<IReadOnlyList<ServiceResponse>> ServicesAsync(CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<ServiceResponse>>("api/services?status=Live", cancellationToken);

    public Task<IReadOnlyList<CategoryNode>> CategoriesAsync(CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<CategoryNode>>("api/categories", cancellationToken);

    /// <summary>Groups by name (service desk, resolver groups, security); members are listed for staff only.</summary>
    public Task<IReadOnlyList<GroupResponse>> GroupsAsync(CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<GroupResponse>>("api/groups", cancellationToken);

    public Task<PolicyResponse> PolicyAsync(string kind, CancellationToken cancellationToken = default) =>
        Get<PolicyResponse>($"api/policies/{Uri.EscapeDataString(kind)}", cancellationToken);

    public Task<SurveyResponse> GetSurveyAsync(string id, CancellationToken cancellationToken = default) =>
        Get<SurveyResponse>($"api/surveys/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<SurveyResponse> AnswerSurveyAsync(string id, AnswerSurveyRequest request, CancellationToken cancellationToken = default) =>
        Post<SurveyResponse>($"api/surveys/{Uri.EscapeDataString(id)}/responses", request, cancellationToken);

    /// <summary>An answer from what the person may see, with its sources, or "I don't know" (KB-01).</summary>
    public Task<AnswerResponse> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken = default) =>
        Post<AnswerResponse>("api/knowledge/answers", request, cancellationToken);

    /// <summary>The best matches the person may see, most relevant first (KB-01, KB-07).</summary>
    public Task<SearchResponse> SearchKnowledgeAsync(string text, int limit, string? serviceId = null, CancellationToken cancellationToken = default) =>
        Get<SearchResponse>($"api/knowledge/search?q={Uri.EscapeDataString(text)}&limit={limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            + (serviceId is null ? string.Empty : $"&service={Uri.EscapeDataString(serviceId)}"), cancellationToken);

    /// <summary>"Did this help?" on an item (KB-04).</summary>
    public Task<FeedbackView> KnowledgeFeedbackAsync(string itemId, KnowledgeFeedbackRequest request, CancellationToken cancellationToken = default) =>
        Post<FeedbackView>($"api/knowledge/{Uri.EscapeDataString(itemId)}/feedback", request, cancellationToken);

    /// <summary>How self-help before the incident form ended: a deflection, or the viewed items attached to the incident raised (KB-08).</summary>
    public Task<SelfHelpResponse> SelfHelpAsync(SelfHelpRequest request, CancellationToken cancellationToken = default) =>
        Post<SelfHelpResponse>("api/knowledge/self-help", request, cancellationToken);

    private Task<T> Get<T>(string path, CancellationToken cancellationToken) =>
        client.SendAsync<T>(HttpMethod.Get, path, null, null, cancellationToken, User);

    private Task<T> Post<T>(string path, object body, CancellationToken cancellationToken, string? ifMatch = null) =>
        client.SendAsync<T>(HttpMethod.Post, path, body, ifMatch is null ? null : ("If-Match", ifMatch), cancellationToken, User);

    private Task<T> Send<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken) =>
        client.SendAsync<T>(method, path, body, null, cancellationToken, User);
}
