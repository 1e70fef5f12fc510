using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;

namespace ItsmChatOps.Api.Client;

/// <summary>Changes and configuration items, on behalf of one person (requirements §8.1, §8.2).</summary>
public sealed partial class ItsmApiSession
{
    public Task<ChangeResponse> CreateChangeAsync(CreateChangeRequest request, CancellationToken cancellationToken = default) =>
        Post<ChangeResponse>("api/changes", request, cancellationToken);

    public Task<ChangeResponse> GetChangeAsync(string id, CancellationToken cancellationToken = default) =>
        Get<ChangeResponse>($"api/changes/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<Page<ChangeSummary>> ListChangesAsync(ChangeQuery query, CancellationToken cancellationToken = default) =>
        Get<Page<ChangeSummary>>("api/changes?" + ItsmApiClient.Query(query), cancellationToken);

    public Task<ChangeResponse> TransitionChangeAsync(string id, TransitionChangeRequest request, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Post<ChangeResponse>($"api/changes/{Uri.EscapeDataString(id)}/transitions", request, cancellationToken, ifMatch);

    /// <summary>An approver's decision; the request carries the approval tag the card showed (a stale one is 412).</summary>
    public Task<ChangeResponse> DecideChangeAsync(string id, ApprovalRequest request, CancellationToken cancellationToken = default) =>
        Post<ChangeResponse>($"api/changes/{Uri.EscapeDataString(id)}/approvals", request, cancellationToken);

    /// <summary>The originator answers an approver's question <paramref name="index"/> (CHG-05).</summary>
    public Task<ChangeResponse> AnswerChangeQuestionAsync(string id, int index, InfoAnswerRequest request, CancellationToken cancellationToken = default) =>
        Post<ChangeResponse>($"api/changes/{Uri.EscapeDataString(id)}/info-requests/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}/answer", request, cancellationToken);

    /// <summary>"Raise change" on an incident: a create request prefilled from it (CHG-01).</summary>
    public Task<CreateChangeRequest> DraftChangeFromIncidentAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Get<CreateChangeRequest>($"api/changes/draft-from-incident/{Uri.EscapeDataString(incidentId)}", cancellationToken);

    public Task<ChangeResponse> UpdateChangeAsync(string id, UpdateChangeRequest request, CancellationToken cancellationToken = default) =>
        Send<ChangeResponse>(HttpMethod.Patch, $"api/changes/{Uri.EscapeDataString(id)}", request, cancellationToken);

    public Task<ChangeResponse> AssessChangeAsync(string id, AssessChangeRequest request, CancellationToken cancellationToken = default) =>
        Send<ChangeResponse>(HttpMethod.Put, $"api/changes/{Uri.EscapeDataString(id)}/assessment", request, cancellationToken);

    /// <summary>Links from and to a record (CHG-15), e.g. the changes that name an incident.</summary>
    public Task<IReadOnlyList<Incidents.LinkView>> LinksAsync(string recordId, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<Incidents.LinkView>>($"api/{(recordId.StartsWith("CHG-", StringComparison.Ordinal) ? "changes" : "incidents")}/{Uri.EscapeDataString(recordId)}/links", cancellationToken);

    /// <summary>The standard change templates (CHG-02); staff only.</summary>
    public Task<IReadOnlyList<ChangeTemplateResponse>> ChangeTemplatesAsync(CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<ChangeTemplateResponse>>("api/change-templates", cancellationToken);

    /// <summary>Delegations: the caller's own, and the approvers who delegated to the caller (CHG-05).</summary>
    public Task<IReadOnlyList<DelegationView>> DelegationsAsync(CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<DelegationView>>("api/approval-delegations", cancellationToken);

    /// <summary>The forward schedule of changes (CHG-08) for a service and period; the API defaults the period.</summary>
    public Task<ScheduleResponse> ForwardScheduleAsync(string? serviceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default) =>
        Get<ScheduleResponse>("api/changes/schedule?" + ItsmApiClient.Query(new ScheduleFilter(serviceId, from, to)), cancellationToken);

    /// <summary>CIs by name, id or marking, as a chat lookup shows them (CFG-14).</summary>
    public Task<CiLookupResponse> LookupCiAsync(string query, CancellationToken cancellationToken = default) =>
        Get<CiLookupResponse>($"api/cis/lookup?q={Uri.EscapeDataString(query)}", cancellationToken);

    public Task<CiResponse> GetCiAsync(string id, CancellationToken cancellationToken = default) =>
        Get<CiResponse>($"api/cis/{Uri.EscapeDataString(id)}", cancellationToken);

    private sealed record ScheduleFilter(string? ServiceId, DateTimeOffset? From, DateTimeOffset? To);
}
