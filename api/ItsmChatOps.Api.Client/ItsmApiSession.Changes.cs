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
