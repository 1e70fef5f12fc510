using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// Delivers the bot's activities to one kind of channel: the Bot Framework Connector (Teams and the
/// other Azure Bot channels) or the local Direct Line channel of the development chat page.
/// </summary>
public interface IChannelConnector
{
    /// <summary>True when this connector delivers into the conversation <paramref name="reference"/> names.</summary>
    bool CanDeliver(ConversationReference reference);

    Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> ReplyAsync(ConversationReference reference, string replyToId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces activity <paramref name="activityId"/> with <paramref name="activity"/> (a card after a click).</summary>
    Task<ResourceResponse> UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken cancellationToken);

    Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken);

    /// <summary>Starts a conversation (a 1:1 chat with a user, or a new thread in a channel).</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    /// <summary>Reads message <paramref name="activityId"/> back (its text and link), where the channel lets the bot; null where it does not.</summary>
    Task<ChannelMessage?> GetMessageAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) =>
        Task.FromResult<ChannelMessage?>(null);
    /// <summary>One member of the conversation (<c>GET /v3/conversations/{id}/members/{memberId}</c>); null where the channel has no such call.</summary>
    Task<ChannelAccount?> GetMemberAsync(ConversationReference reference, string memberId, CancellationToken cancellationToken) => Task.FromResult<ChannelAccount?>(null);
}

/// <summary>A message read back from a conversation: what it says, who wrote it (the channel's user id) and its link.</summary>
public sealed record ChannelMessage(string Text, string? AuthorId, string? Link);

/// <summary>Picks the connector for a conversation; the first registered one that can deliver wins.</summary>
public sealed class ChannelConnectors(IEnumerable<IChannelConnector> connectors)
{
    private readonly IChannelConnector[] all = [.. connectors];

    public IChannelConnector For(ConversationReference reference) =>
        all.FirstOrDefault(c => c.CanDeliver(reference))
        ?? throw new InvalidOperationException($"No channel connector delivers to channel '{reference.ChannelId}' at '{reference.ServiceUrl}'.");
}

/// <summary>Fills the addressing of an outgoing activity from the conversation it goes to, as the Bot Framework SDKs do.</summary>
public static class OutgoingActivity
{
    public static Activity Address(Activity activity, ConversationReference reference)
    {
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.Conversation = reference.Conversation;
        activity.From = reference.Bot;
        activity.Recipient = reference.User;
        activity.Locale ??= reference.Locale;
        return activity;
    }
}
