using System.Collections.Concurrent;
using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.State;

namespace ItsmChatOps.Bot.Identity;

/// <summary>The person behind a turn, or the plain reason there is none (SEC-02).</summary>
public sealed record ChatUserLookup(ChatUser? User, string? Refusal);

/// <summary>
/// Finds the person a turn's chat identity maps to and remembers how to reach them later. Positive answers
/// are kept for a few minutes to spare the API a call per turn; every call the bot makes for the person still
/// names the chat identity, so the API refuses an identity unmapped since. Unmapped identities are asked again
/// each time, so a newly linked person is recognised at once.
/// </summary>
public sealed class ChatUsers(ItsmApiClient api, ConversationDirectory conversations, Slack.SlackIdentities slack, TimeProvider time, ILogger<ChatUsers> logger)
{
    public const string NotLinked =
        "I don't know who you are yet: your chat account isn't linked to anyone the service desk knows, so I can't raise or show incidents for you. "
        + "Please ask the service desk to link your account.";

    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (ChatUser User, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    public async Task<ChatUserLookup> FindAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (ChatAccount.From(turn) is not { } account)
        {
            return new ChatUserLookup(null, NotLinked);
        }

        var user = await ResolveAsync(account, turn.Caller.UserId, cancellationToken);
        if (user.User is { } found)
        {
            await RememberConversationAsync(found, turn, cancellationToken);
        }

        return user;
    }

    private async Task<ChatUserLookup> ResolveAsync(ChatAccount account, string chatUserId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(account.Key, out var hit) && hit.Until > now)
        {
            return new ChatUserLookup(hit.User, null);
        }

        try
        {
            var person = await api.ResolvePersonAsync(account.Platform, account.TenantId, account.UserId, cancellationToken);
            if (person is null && account.Platform == ChatPlatform.Slack)
            {
                person = await slack.LinkAsync(account, cancellationToken);
            }

            if (person is null)
            {
                return new ChatUserLookup(null, NotLinked);
            }

            var user = new ChatUser(person.Id, person.DisplayName, account, chatUserId);
            cache[account.Key] = (user, now + CacheLifetime);
            return new ChatUserLookup(user, null);
        }
        catch (ItsmApiException refused) when (refused.Status == HttpStatusCode.Forbidden)
        {
            return new ChatUserLookup(null, $"{refused.Detail ?? "This chat account may not use the service desk bot."} Please contact the service desk.");
        }
    }

    private async Task RememberConversationAsync(ChatUser user, TurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            await conversations.RememberAsync(user.PersonId, StoredConversation.From(turn.Activity, turn.Caller.TenantId), cancellationToken);
        }
        catch (Exception failure) when (failure is ItsmApiException or HttpRequestException)
        {
            // The turn itself can go on; only proactive messages depend on this, and the next turn writes it again.
            logger.LogWarning(failure, "Could not store how to reach person {PersonId}", user.PersonId);
        }
    }
}
