using ItsmChatOps.Api.Client.MajorIncidents;

namespace ItsmChatOps.Api.Client;

/// <summary>What the bot reports about major incidents with its own service identity.</summary>
public sealed partial class ItsmApiClient
{
    /// <summary>The war room was archived after the review closed (MAJ-05).</summary>
    public Task<MajorIncidentResponse> RecordWarRoomArchivedAsync(string majorIncidentId, string channelId, CancellationToken cancellationToken = default) =>
        SendAsync<MajorIncidentResponse>(HttpMethod.Post, $"api/major-incidents/{Uri.EscapeDataString(majorIncidentId)}/war-room/archived",
            new WarRoomArchivedReport(channelId), null, cancellationToken);
}
