using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Api.Client.BotState;

/// <summary>
/// A piece of the bot's state kept by the API (conversation references, the notifier's cursor, pending
/// flows, dedupe keys), so any number of bot instances share it and a restarted bot carries on.
/// </summary>
public sealed record BotStateEntry(string Key, JsonObject Value, DateTimeOffset? ExpiresAt, string ETag);

public sealed record PutBotStateRequest(
    [property: Required] JsonObject? Value,
    [property: Range(1, 60 * 60 * 24 * 365)] int? TimeToLiveSeconds);
