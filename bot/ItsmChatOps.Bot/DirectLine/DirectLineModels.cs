using System.Text.Json.Serialization;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.DirectLine;

/// <summary>Direct Line 3.0 <c>Conversation</c>: what starting, resuming or a token call answers.</summary>
internal sealed record DirectLineConversationInfo(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>Direct Line 3.0 <c>ActivitySet</c>: the activities after a watermark and the next watermark.</summary>
internal sealed record DirectLineActivitySet(IReadOnlyList<Activity> Activities, string Watermark);

/// <summary>Body of <c>POST /v3/directline/tokens/generate</c>: the user the token is for.</summary>
internal sealed record DirectLineTokenRequest(ChannelAccount? User, string? Room = null);
