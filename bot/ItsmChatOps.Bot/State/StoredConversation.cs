using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.State;

/// <summary>
/// What a proactive 1:1 message to a person needs, kept through the API's bot state: the channel and its
/// service URL, the 1:1 conversation when known (Teams creates one from the user id and tenant when it is
/// not), the person's chat user id, the bot's account and the tenant.
/// </summary>
public sealed record StoredConversation(
    string ChannelId,
    string ServiceUrl,
    string? ConversationId,
    string UserId,
    string? UserName,
    string? BotId,
    string? BotName,
    string? TenantId)
{
    /// <summary>The addressing of a turn's sender; the conversation is kept only when it is their 1:1 chat with the bot.</summary>
    public static StoredConversation From(Activity activity, string? tenantId) => new(
        activity.ChannelId ?? string.Empty,
        activity.ServiceUrl ?? string.Empty,
        IsPersonal(activity) ? activity.Conversation?.Id : null,
        activity.From?.Id ?? string.Empty,
        activity.From?.Name,
        activity.Recipient?.Id,
        activity.Recipient?.Name,
        tenantId);

    public static bool IsPersonal(Activity activity) =>
        activity.Conversation is { } conversation
        && (conversation.ConversationType == "personal" || (conversation.ConversationType is null && conversation.IsGroup != true));

    public ConversationReference ToReference() => new()
    {
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount { Id = ConversationId ?? string.Empty, ConversationType = "personal", IsGroup = false, TenantId = TenantId },
        User = new ChannelAccount { Id = UserId, Name = UserName },
        Bot = BotId is null ? null : new ChannelAccount { Id = BotId, Name = BotName },
    };

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, ProtocolJson.Options)!;

    public static StoredConversation? FromJson(JsonObject value) => value.Deserialize<StoredConversation>(ProtocolJson.Options);
}

/// <summary>A card the bot sent to a person and may replace later (a closure or survey card): where it is and its activity id.</summary>
public sealed record SentCard(StoredConversation Conversation, string ActivityId)
{
    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, ProtocolJson.Options)!;

    public static SentCard? FromJson(JsonObject value) => value.Deserialize<SentCard>(ProtocolJson.Options);
}
