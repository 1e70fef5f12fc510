using ItsmChatOps.Api.Client.Reporting;

namespace ItsmChatOps.Api.Client;

/// <summary>Service reports (RPT-02, RPT-03) as the person sees them: staff see every group, customers their own figures.</summary>
public sealed partial class ItsmApiSession
{
    /// <summary>Open records expected to breach soon, soonest first; all groups when <paramref name="groupId"/> is null.</summary>
    public Task<IReadOnlyList<AtRiskItem>> AtRiskAsync(string? groupId = null, double? hours = null, CancellationToken cancellationToken = default) =>
        Get<IReadOnlyList<AtRiskItem>>("api/reports/at-risk?" + ItsmApiClient.Query(new { GroupId = groupId, Hours = hours }), cancellationToken);

    public Task<SlaReport> SlaReportAsync(SlaReportQuery query, CancellationToken cancellationToken = default) =>
        Get<SlaReport>("api/reports/sla?" + ItsmApiClient.Query(query), cancellationToken);

    /// <summary>One of <see cref="SlaChartNames.All"/> as a PNG sized for a chat card.</summary>
    public Task<byte[]> SlaChartAsync(string name, SlaReportQuery query, CancellationToken cancellationToken = default) =>
        client.GetBytesAsync($"api/reports/sla/charts/{Uri.EscapeDataString(name)}.png?" + ItsmApiClient.Query(query), User, cancellationToken);
}
