using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>Activity types this bot reads or writes (Bot Framework Activity schema 3.0).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string Typing = "typing";
    public const string Event = "event";
}

/// <summary>
/// One Bot Framework activity. Members the bot does not model are kept in <see cref="Extra"/> so an
/// activity read from a channel can be written back (update in place) without losing anything.
/// </summary>
public sealed class Activity
{
    public string Type { get; set; } = string.Empty;
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public List<MessageReaction>? ReactionsAdded { get; set; }
    public List<MessageReaction>? ReactionsRemoved { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? Name { get; set; }
    public JsonElement? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A plain text message.</summary>
    public static Activity CreateMessage(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>A message carrying one Adaptive Card (already expanded JSON).</summary>
    public static Activity CreateCardMessage(JsonElement card, string? fallbackText = null, Cards.ICardModel? model = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = fallbackText,
        Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card, ViewModel = model }],
    };

    /// <summary>Where this activity came from, in a form that can be stored and used to answer later.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        ChannelId = ChannelId ?? string.Empty,
        ServiceUrl = ServiceUrl ?? string.Empty,
        Conversation = Conversation ?? new ConversationAccount(),
        User = From,
        Bot = Recipient,
        Locale = Locale,
    };
}

/// <summary>A reaction added to or removed from a message.</summary>
public sealed class MessageReaction
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
