using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>The Slack war rooms, when the Slack app is configured (a bot token to call the Web API with).</summary>
public interface ISlackWarRooms : IWarRoomChannels
{
    bool IsConfigured { get; }
}

/// <summary>
/// The room opens where the major incident was declared: Slack for a declaration made in Slack, the configured default
/// otherwise; it is archived where it was opened.
/// </summary>
public sealed class WarRoomChannelRouter(IWarRoomChannels fallback, ISlackWarRooms? slack) : IWarRoomChannels
{
    public Task<OpenedWarRoom> OpenAsync(WarRoomRequest request, Activity headline, CancellationToken cancellationToken) =>
        request.DeclaredVia == Channel.Slack && slack is { IsConfigured: true }
            ? slack.OpenAsync(request, headline, cancellationToken)
            : fallback.OpenAsync(request, headline, cancellationToken);

    public Task<WarRoomArchive> ArchiveAsync(WarRoomView room, CancellationToken cancellationToken) =>
        room.Platform == ChatPlatform.Slack && slack is { IsConfigured: true }
            ? slack.ArchiveAsync(room, cancellationToken)
            : fallback.ArchiveAsync(room, cancellationToken);
}
