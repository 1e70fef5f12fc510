using System.Collections.Concurrent;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.BotState;

namespace ItsmChatOps.Bot.State;

/// <summary>
/// Where each person can be reached proactively, kept in the API's bot state (<c>conversation:{personId}</c>)
/// and written whenever a mapped person talks to the bot. A 1:1 conversation replaces what is stored; a
/// channel or group chat only fills a gap (the 1:1 chat is then created when first needed). A short
/// memo of what this instance wrote last spares the API a read on every turn.
/// </summary>
public sealed class ConversationDirectory(ItsmApiClient api, TimeProvider time, ILogger<ConversationDirectory> logger)
{
    private static readonly TimeSpan MemoLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (StoredConversation Seen, DateTimeOffset Until)> memo = new(StringComparer.Ordinal);

    public async Task RememberAsync(string personId, StoredConversation seen, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (memo.TryGetValue(personId, out var last) && last.Seen == seen && last.Until > now)
        {
            return;
        }

        var key = BotStateKeys.Conversation(personId);
        var current = await api.GetStateAsync(key, cancellationToken);
        if (current is null)
        {
            await api.TryCreateStateAsync(key, seen.ToJson(), cancellationToken: cancellationToken);
        }
        else if (seen.ConversationId is not null && StoredConversation.FromJson(current.Value) != seen)
        {
            await WriteAsync(key, seen, current.ETag, cancellationToken);
        }

        memo[personId] = (seen, now + MemoLifetime);
    }

    public async Task<(StoredConversation Conversation, string ETag)?> FindAsync(string personId, CancellationToken cancellationToken)
    {
        var entry = await api.GetStateAsync(BotStateKeys.Conversation(personId), cancellationToken);
        return entry is not null && StoredConversation.FromJson(entry.Value) is { } stored ? (stored, entry.ETag) : null;
    }

    /// <summary>Stores the 1:1 conversation created for a person, unless a turn stored a newer one meanwhile.</summary>
    public Task SaveAsync(string personId, StoredConversation conversation, string etag, CancellationToken cancellationToken) =>
        WriteAsync(BotStateKeys.Conversation(personId), conversation, etag, cancellationToken);

    private async Task WriteAsync(string key, StoredConversation conversation, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await api.PutStateAsync(key, conversation.ToJson(), etag, cancellationToken: cancellationToken);
        }
        catch (ItsmApiException stale) when (stale.IsStale)
        {
            // Another turn or instance wrote it first; theirs is at least as recent.
            logger.LogDebug("Conversation {Key} changed concurrently; keeping the newer entry", key);
        }
    }
}

/// <summary>Cards the bot may replace later, and the once-only claims of notifications and non-idempotent actions.</summary>
public sealed class CardMemory(ItsmApiClient api)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public Task<BotStateEntry> RememberAsync(string key, SentCard card, CancellationToken cancellationToken) =>
        api.PutStateAsync(key, card.ToJson(), timeToLive: Lifetime, cancellationToken: cancellationToken);

    public async Task<SentCard?> FindAsync(string key, CancellationToken cancellationToken) =>
        await api.GetStateAsync(key, cancellationToken) is { } entry ? SentCard.FromJson(entry.Value) : null;

    /// <summary>True for the one caller that claims <paramref name="key"/>; every later claim of it is refused.</summary>
    public Task<bool> TryClaimAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        api.TryCreateStateAsync(key, new() { ["claimedAt"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }, Lifetime, cancellationToken);

    /// <summary>Gives a claim back after a send that failed for a reason that may pass, so a later pass can try again.</summary>
    public Task ReleaseAsync(string key, CancellationToken cancellationToken) => api.DeleteStateAsync(key, cancellationToken);
}
