using System.Text.Json;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// How Slack conversations are addressed inside the bot. The service URL is not an https URL, so the Bot
/// Framework Connector never gets a Slack conversation. What only the current interaction has (the
/// <c>response_url</c>, the <c>trigger_id</c>, the clicked message or modal) travels on the conversation.
/// </summary>
public static class SlackChannel
{
    public const string ChannelId = "slack";
    public const string ServiceUrl = "slack://web-api/";

    public const string ResponseUrl = "slackResponseUrl";
    public const string TriggerId = "slackTriggerId";
    public const string ThreadTs = "slackThreadTs";
    public const string MessageTs = "slackMessageTs";
    public const string ViewId = "slackViewId";

    public static bool Owns(ConversationReference reference) =>
        reference.ChannelId == ChannelId && reference.ServiceUrl == ServiceUrl;

    /// <summary>A direct message with the app (D…) or a channel, in the workspace <paramref name="teamId"/>.</summary>
    public static ConversationAccount Conversation(string channelId, string teamId, bool? isDirect = null)
    {
        var direct = isDirect ?? channelId.StartsWith('D');
        return new ConversationAccount
        {
            Id = channelId,
            TenantId = teamId,
            ConversationType = direct ? "personal" : "channel",
            IsGroup = !direct,
        };
    }

    public static void Set(ConversationAccount conversation, string name, string? value)
    {
        if (value is { Length: > 0 })
        {
            conversation.Extra ??= [];
            conversation.Extra[name] = JsonSerializer.SerializeToElement(value);
        }
    }

    public static string? Get(ConversationAccount? conversation, string name) =>
        conversation?.Extra is { } extra && extra.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
