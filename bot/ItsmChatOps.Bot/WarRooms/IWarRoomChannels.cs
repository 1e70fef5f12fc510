using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>
/// What to open a war room for (MAJ-05): the channel name the API chose, a one-line description, the people the API
/// asked to invite (manager first) and the channel the major incident was declared from, which picks the platform.
/// </summary>
public sealed record WarRoomRequest(string MajorIncidentId, string IncidentId, string ChannelName, string Description)
{
    public IReadOnlyList<string> InviteeIds { get; init; } = [];

    public Channel DeclaredVia { get; init; } = Channel.System;
}

/// <summary>The room cannot be opened for a reason trying again will not change (a scope not granted, a name refused); the message is for the declarer.</summary>
public sealed class WarRoomUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// An opened war room: where it is (<see cref="ChannelId"/>, <see cref="Link"/> for people to join), the conversation
/// the bot posts into, the headline card's activity id (updated in place) and why it is not what was asked for, if so.
/// </summary>
public sealed record OpenedWarRoom(
    ChatPlatform Platform,
    WarRoomMode Mode,
    string ChannelId,
    string Link,
    ConversationReference Conversation,
    string? HeadlineActivityId,
    string? Notice);

/// <summary>
/// What archiving did (MAJ-05): <see cref="Archived"/> when the room can no longer be written to, or is closed as far as
/// the platform allows; otherwise <see cref="Notice"/> says what is left for a person to do.
/// </summary>
public sealed record WarRoomArchive(bool Archived, string? Notice);

/// <summary>
/// The chat platform's channel operations for major incidents, behind one seam: a Teams channel created with
/// Microsoft Graph, a thread in a fixed operations channel, or locally a separate Direct Line conversation.
/// </summary>
public interface IWarRoomChannels
{
    /// <summary>Opens the room and posts <paramref name="headline"/> as its first message.</summary>
    Task<OpenedWarRoom> OpenAsync(WarRoomRequest request, Activity headline, CancellationToken cancellationToken);

    /// <summary>Archives the room once the major incident is closed; the final message is already posted in it.</summary>
    Task<WarRoomArchive> ArchiveAsync(WarRoomView room, CancellationToken cancellationToken);
}
