using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>A message attachment; for this bot almost always an Adaptive Card.</summary>
public sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string ContentType { get; set; } = string.Empty;
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }

    /// <summary>The view model the card was rendered from, for channels that render it their own way (Slack's Block Kit); never sent.</summary>
    [JsonIgnore]
    public Cards.ICardModel? ViewModel { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An activity entity. Mentions carry <see cref="Mentioned"/> and the <see cref="Text"/> shown in the message.</summary>
public sealed class Entity
{
    public const string MentionType = "mention";

    public string Type { get; set; } = string.Empty;
    public ChannelAccount? Mentioned { get; set; }
    public string? Text { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Teams' <c>channelData</c>: tenant, team, channel and the conversation-update event type.</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public ChannelInfo? Channel { get; set; }
    public string? EventType { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }
}

public sealed class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ChannelInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}
