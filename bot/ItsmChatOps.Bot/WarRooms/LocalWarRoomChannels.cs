using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.DirectLine;
using ItsmChatOps.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>
/// The local war room: a separate Direct Line conversation, shared by everyone who opens its link
/// (<c>/chat?room=…</c>) from the incident card. It lives as long as the bot process, like every local conversation.
/// </summary>
internal sealed class LocalWarRoomChannels(DirectLineConversations conversations, IOptions<BotOptions> bot) : IWarRoomChannels
{
    public Task<OpenedWarRoom> OpenAsync(WarRoomRequest request, Activity headline, CancellationToken cancellationToken)
    {
        var id = $"{request.ChannelName.ToLowerInvariant()}-{DirectLineConversations.NewConversationId()[..8]}";
        var room = conversations.OpenRoom(id, new ChannelAccount { Id = id, Name = request.ChannelName, Role = "user" });
        var reference = LocalChannel.Reference(room, DirectLineApi.BotAccount(bot.Value));
        var first = room.Append(OutgoingActivity.Address(headline, reference));
        var link = $"{LocalChat.PagePath}?room={Uri.EscapeDataString(id)}";
        return Task.FromResult(new OpenedWarRoom(ChatPlatform.WebChat, WarRoomMode.Conversation, id, link, reference, first.Id, null));
    }

    /// <summary>A local conversation has nothing to lock: its final message and the Closed headline are the archive.</summary>
    public Task<WarRoomArchive> ArchiveAsync(WarRoomView room, CancellationToken cancellationToken) => Task.FromResult(new WarRoomArchive(true, null));
}
