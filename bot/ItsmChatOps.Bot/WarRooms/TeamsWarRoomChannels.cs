using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>
/// Teams war rooms: a standard channel created with Graph, then the headline posted into it as a new channel
/// thread through the Connector (<c>POST /v3/conversations</c> with <c>channelData.channel.id</c>); or, in thread
/// mode or when the bot may not create channels, a new thread in the operations channel, with a notice saying why.
/// </summary>
public sealed class TeamsWarRoomChannels(GraphChannels graph, ChannelConnectors connectors, IOptions<WarRoomOptions> options,
    IOptions<BotOptions> bot, ILogger<TeamsWarRoomChannels> logger) : IWarRoomChannels
{
    public async Task<OpenedWarRoom> OpenAsync(WarRoomRequest request, Activity headline, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (channelId, link, mode, notice) = (settings.OperationsChannelId, (string?)null, WarRoomMode.Thread, (string?)null);
        if (settings.Mode == TeamsWarRoomMode.Channel && settings.TeamId is { Length: > 0 } teamId)
        {
            try
            {
                var created = await graph.CreateChannelAsync(teamId, request.ChannelName, request.Description, cancellationToken);
                (channelId, link, mode) = (created.Id, created.WebUrl, WarRoomMode.Channel);
            }
            catch (GraphPermissionException denied) when (!string.IsNullOrWhiteSpace(settings.OperationsChannelId))
            {
                logger.LogWarning(denied, "No channel for {MajorIncidentId}; opening a thread in the operations channel", request.MajorIncidentId);
                notice = "The bot may not create channels in the team (Channel.Create.Group is not granted), so the war room is a thread in the operations channel.";
            }
        }

        if (string.IsNullOrWhiteSpace(channelId))
        {
            throw new InvalidOperationException("War rooms need WarRooms:TeamId (channel mode) or WarRooms:OperationsChannelId (thread mode).");
        }

        var botAccount = new ChannelAccount { Id = $"28:{bot.Value.AppId}", Name = bot.Value.DisplayName };
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Bot = botAccount,
            TenantId = settings.TenantId,
            Activity = headline,
            ChannelData = new TeamsChannelData
            {
                Channel = new ChannelInfo { Id = channelId },
                Tenant = settings.TenantId is null ? null : new TenantInfo { Id = settings.TenantId },
            },
        };
        var place = new ConversationReference { ChannelId = "msteams", ServiceUrl = settings.ServiceUrl, Conversation = new ConversationAccount { Id = channelId } };
        var thread = await connectors.For(place).CreateConversationAsync(settings.ServiceUrl, parameters, cancellationToken);
        var conversation = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = thread.ServiceUrl ?? settings.ServiceUrl,
            Conversation = new ConversationAccount { Id = thread.Id!, ConversationType = "channel", IsGroup = true, TenantId = settings.TenantId },
            Bot = botAccount,
        };
        link ??= $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(channelId)}/{Uri.EscapeDataString(thread.ActivityId ?? string.Empty)}";
        return new OpenedWarRoom(ChatPlatform.Teams, mode, channelId, link, conversation, thread.ActivityId, notice);
    }

    /// <summary>
    /// A channel created for the major incident is archived with Graph (read-only for everyone). A thread in the operations
    /// channel or a linked channel is not the bot's to lock: its final message closes it. Without ChannelSettings.ReadWrite.All
    /// the channel stays open and the notice says so; throttling is waited out inside <see cref="GraphChannels"/>.
    /// </summary>
    public async Task<WarRoomArchive> ArchiveAsync(WarRoomView room, CancellationToken cancellationToken)
    {
        if (room.Mode != WarRoomMode.Channel)
        {
            return new WarRoomArchive(true, null);
        }

        if (options.Value.TeamId is not { Length: > 0 } teamId)
        {
            return new WarRoomArchive(false, "The war room channel cannot be archived: WarRooms:TeamId is not set. Archive it in Teams.");
        }

        try
        {
            await graph.ArchiveChannelAsync(teamId, room.ChannelId, cancellationToken);
            return new WarRoomArchive(true, null);
        }
        catch (GraphPermissionException denied)
        {
            logger.LogWarning(denied, "The war room channel {ChannelId} is left open: archiving is not permitted", room.ChannelId);
            return new WarRoomArchive(false, "The bot may not archive this channel (ChannelSettings.ReadWrite.All is not granted). A team owner can archive it in Teams.");
        }
    }
}
