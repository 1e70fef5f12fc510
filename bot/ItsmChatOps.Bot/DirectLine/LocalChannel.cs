using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.DirectLine;

/// <summary>How activities of the local Direct Line channel are addressed.</summary>
internal static class LocalChannel
{
    /// <summary>Web Chat's channel id, as the Azure Bot Service gives it.</summary>
    public const string ChannelId = "webchat";

    /// <summary>Marks conversations delivered by the local connector; not an https URL, so the Connector never gets it.</summary>
    public const string ServiceUrl = "local://directline/";

    public static ConversationReference Reference(DirectLineConversation conversation, ChannelAccount? bot) => new()
    {
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = conversation.Account,
        User = conversation.User,
        Bot = bot,
    };
}
