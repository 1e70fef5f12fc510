using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// One turn: the inbound activity, who sent it, and the ways to answer — send into the conversation,
/// reply to the activity, update or delete a sent activity, and (for invokes) the response body.
/// </summary>
public sealed class TurnContext(Activity activity, IChannelConnector connector, string correlationId)
{
    private readonly ConversationReference reference = activity.GetConversationReference();

    public Activity Activity { get; } = activity;

    public CallerIdentity Caller { get; } = CallerIdentity.From(activity);

    /// <summary>The message text without the @mention of the bot, trimmed.</summary>
    public string Text { get; } = Mentions.TextWithoutBotMention(activity);

    /// <summary>The card action this turn carries (Execute or Submit), or null.</summary>
    public CardAction? CardAction { get; } = CardAction.From(activity);

    /// <summary>Identifies this turn in logs and in what the user is told when something fails.</summary>
    public string CorrelationId { get; } = correlationId;

    public ConversationReference Conversation => reference;

    /// <summary>The response an <c>invoke</c> turn writes on the channel's request; null means 200 with no body.</summary>
    public InvokeResponse? InvokeResponse { get; private set; }

    public Task<ResourceResponse> SendAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(Activity.CreateMessage(text), cancellationToken);

    public Task<ResourceResponse> SendAsync(Activity outgoing, CancellationToken cancellationToken)
    {
        outgoing.ReplyToId ??= Activity.Id;
        return connector.SendAsync(reference, outgoing, cancellationToken);
    }

    /// <summary>Answers in the thread of the inbound activity (a channel reply chain in Teams).</summary>
    public Task<ResourceResponse> ReplyAsync(Activity outgoing, CancellationToken cancellationToken) => Activity.Id is { } id
        ? connector.ReplyAsync(reference, id, outgoing, cancellationToken)
        : connector.SendAsync(reference, outgoing, cancellationToken);

    public Task<ResourceResponse> UpdateAsync(string activityId, Activity replacement, CancellationToken cancellationToken) =>
        connector.UpdateAsync(reference, activityId, replacement, cancellationToken);

    public Task DeleteAsync(string activityId, CancellationToken cancellationToken) =>
        connector.DeleteAsync(reference, activityId, cancellationToken);

    /// <summary>The text and link of a message in this conversation (the one reacted to), when the channel lets the bot read it.</summary>
    public Task<ChannelMessage?> GetMessageAsync(string activityId, CancellationToken cancellationToken) =>
        connector.GetMessageAsync(reference, activityId, cancellationToken);

    public void SetInvokeResponse(InvokeResponse response) => InvokeResponse = response;
}
