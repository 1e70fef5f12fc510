using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;
using ItsmChatOps.Bot.State;
using System.Net;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>Where a person can be reached: their stored conversation and its version (to save a newly created 1:1 chat).</summary>
public sealed record Reach(string PersonId, StoredConversation Conversation, string ETag);

/// <summary>The outcome of a proactive send: the card as sent (to replace later), or why it could not be delivered.</summary>
public sealed record Delivery(SentCard? Sent, string? Failure)
{
    public bool Delivered => Sent is not null;

    public static Delivery Undeliverable(string reason) => new(null, reason);
}

/// <summary>
/// Sends to a person proactively through the conversation stored for them. Without a 1:1 conversation,
/// or when the stored one is gone, it opens one (Teams: create conversation with the user id and tenant)
/// and stores it. A person who blocked the bot is reported as undeliverable; other failures are thrown so
/// the notifier can try again later.
/// </summary>
public sealed class ProactiveSender(ChannelConnectors connectors, ConversationDirectory conversations, ReplyRenderer replies, ILogger<ProactiveSender> logger)
{
    public async Task<Reach?> ReachAsync(string personId, CancellationToken cancellationToken) =>
        await conversations.FindAsync(personId, cancellationToken) is { } found ? new Reach(personId, found.Conversation, found.ETag) : null;

    public async Task<Delivery> SendAsync(Reach reach, Reply reply, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = reach.Conversation.ConversationId is null ? await OpenAsync(reach, cancellationToken) : reach.Conversation;
            try
            {
                return new Delivery(new SentCard(conversation, await SendToAsync(conversation, reply, cancellationToken)), null);
            }
            catch (ConnectorException gone) when (gone.Status == HttpStatusCode.NotFound && reach.Conversation.ConversationId is not null)
            {
                logger.LogInformation("The stored conversation of person {PersonId} is gone; opening a new one", reach.PersonId);
                conversation = await OpenAsync(reach, cancellationToken);
                return new Delivery(new SentCard(conversation, await SendToAsync(conversation, reply, cancellationToken)), null);
            }
        }
        catch (ConversationBlockedException blocked)
        {
            logger.LogWarning("Person {PersonId} blocked or removed the bot (operation {OperationId})", reach.PersonId, blocked.CorrelationId);
            return Delivery.Undeliverable("The person blocked or removed the bot in their chat client.");
        }
    }

    /// <summary>Replaces a card sent earlier; false when it is gone (the chat was deleted, the local channel restarted).</summary>
    public async Task<bool> UpdateAsync(SentCard card, Reply reply, CancellationToken cancellationToken)
    {
        var reference = card.Conversation.ToReference();
        try
        {
            await connectors.For(reference).UpdateAsync(reference, card.ActivityId, replies.ToActivity(reply), cancellationToken);
            return true;
        }
        catch (ConnectorException failed) when (failed.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            logger.LogInformation("Card {ActivityId} could not be replaced ({Status})", card.ActivityId, failed.Status);
            return false;
        }
    }

    /// <summary>Sends into a stored conversation as it is (a war room); returns the activity id.</summary>
    public async Task<string> SendToAsync(StoredConversation conversation, Reply reply, CancellationToken cancellationToken)
    {
        var reference = conversation.ToReference();
        var sent = await connectors.For(reference).SendAsync(reference, replies.ToActivity(reply), cancellationToken);
        return sent.Id ?? throw new ConnectorException(HttpStatusCode.OK, "The channel accepted the message but did not name it", null);
    }

    private async Task<StoredConversation> OpenAsync(Reach reach, CancellationToken cancellationToken)
    {
        var stored = reach.Conversation;
        var reference = stored.ToReference();
        var created = await connectors.For(reference).CreateConversationAsync(stored.ServiceUrl, new ConversationParameters
        {
            IsGroup = false,
            Bot = reference.Bot,
            Members = [new ChannelAccount { Id = stored.UserId, Name = stored.UserName }],
            TenantId = stored.TenantId,
            ChannelData = stored.TenantId is null ? null : new TeamsChannelData { Tenant = new TenantInfo { Id = stored.TenantId } },
        }, cancellationToken);
        var opened = stored with
        {
            ConversationId = created.Id ?? throw new ConnectorException(HttpStatusCode.OK, "The channel created a conversation but did not name it", null),
            ServiceUrl = created.ServiceUrl ?? stored.ServiceUrl,
        };
        await conversations.SaveAsync(reach.PersonId, opened, reach.ETag, cancellationToken);
        return opened;
    }
}
