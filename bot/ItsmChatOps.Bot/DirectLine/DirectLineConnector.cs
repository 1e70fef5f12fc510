using ItsmChatOps.Bot.Application;
using System.Net;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;

namespace ItsmChatOps.Bot.DirectLine;

/// <summary>
/// The bot's side of the local Direct Line channel: what the bot sends is appended to the
/// conversation's feed, where Web Chat picks it up on its next poll.
/// </summary>
internal sealed class DirectLineConnector(DirectLineConversations conversations) : IChannelConnector
{
    public bool CanDeliver(ConversationReference reference) => reference.ServiceUrl == LocalChannel.ServiceUrl;

    public Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        var stored = Conversation(reference).Append(OutgoingActivity.Address(activity, reference));
        return Task.FromResult(new ResourceResponse(stored.Id));
    }

    public Task<ResourceResponse> ReplyAsync(ConversationReference reference, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        activity.ReplyToId = replyToId;
        return SendAsync(reference, activity, cancellationToken);
    }

    public Task<ResourceResponse> UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        if (!Conversation(reference).Replace(activityId, OutgoingActivity.Address(activity, reference)))
        {
            throw new ConnectorException(HttpStatusCode.NotFound, $"Activity {activityId} is not in local conversation {reference.Conversation.Id}", null);
        }

        return Task.FromResult(new ResourceResponse(activityId));
    }

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        Conversation(reference).Remove(activityId);
        return Task.CompletedTask;
    }

    /// <summary>Locally a user has one open chat: a "new" conversation with them is their latest one.</summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var user = parameters.Members?.FirstOrDefault()
            ?? throw new InvalidOperationException("A local conversation needs the user to talk to.");
        var conversation = conversations.LatestFor(user.Id)
            ?? conversations.Open(DirectLineConversations.NewConversationId(), user, out _);
        var first = parameters.Activity is { } activity
            ? conversation.Append(OutgoingActivity.Address(activity, LocalChannel.Reference(conversation, parameters.Bot)))
            : null;
        return Task.FromResult(new ConversationResourceResponse(conversation.Id, first?.Id, LocalChannel.ServiceUrl));
    }

    /// <summary>As the Connector answers for an unknown conversation: 404 (local conversations vanish when the bot restarts).</summary>
    private DirectLineConversation Conversation(ConversationReference reference) =>
        conversations.Find(reference.Conversation.Id)
        ?? throw new ConnectorException(HttpStatusCode.NotFound, $"Local conversation {reference.Conversation.Id} does not exist", null);
}
