using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>A user or bot in a conversation. In Teams <c>id</c> is "29:…" (user) or "28:…" (bot).</summary>
public sealed class ChannelAccount
{
    public string Id { get; set; } = string.Empty;
    public string? Name { get; set; }

    /// <summary>The Entra object id of a Teams user: the identity the bot trusts, not the display name.</summary>
    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A conversation: a 1:1 chat, a group chat or a channel thread.</summary>
public sealed class ConversationAccount
{
    public string Id { get; set; } = string.Empty;
    public string? Name { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Enough of an activity's addressing to send into its conversation later (proactively).</summary>
public sealed record ConversationReference
{
    public string? ActivityId { get; init; }
    public required string ChannelId { get; init; }
    public required string ServiceUrl { get; init; }
    public required ConversationAccount Conversation { get; init; }
    public ChannelAccount? User { get; init; }
    public ChannelAccount? Bot { get; init; }
    public string? Locale { get; init; }
}

/// <summary>Body of <c>POST /v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
}

/// <summary>What the Connector answers to a send, reply or update: the id of the activity.</summary>
public sealed record ResourceResponse(string? Id);

/// <summary>What the Connector answers to a create-conversation call.</summary>
public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);
