using ItsmChatOps.Bot.Protocol.Connector;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// The ItsmChatOps chat bot. Each feature registers its routes in its own partial file
/// (ItsmBot.Help.cs, and later ItsmBot.Incidents.cs, ItsmBot.Changes.cs ...).
/// </summary>
public sealed partial class ItsmBot : BotApplication
{
    private readonly ILogger<ItsmBot> logger;

    public ItsmBot(ILogger<ItsmBot> logger)
    {
        this.logger = logger;
        MapHelp();
    }

    protected internal override Task OnConversationBlockedAsync(ConversationBlockedException blocked, CancellationToken cancellationToken)
    {
        // Notifications to this conversation will fail until the user adds the bot again.
        logger.LogWarning("User blocked or removed the bot in conversation {ConversationId} ({ChannelId}); nothing more is sent there",
            blocked.Conversation.Conversation.Id, blocked.Conversation.ChannelId);
        return Task.CompletedTask;
    }
}
