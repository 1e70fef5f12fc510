using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// Delivers the bot's activities to Slack through the Web API: a card's view model is rendered to Block Kit
/// (<see cref="SlackCards"/>), text goes as mrkdwn. During a slash command or a click, answers go back through
/// the interaction's <c>response_url</c> (seen by that person only) and the clicked message is replaced there;
/// a form opens as a modal when Slack gave a trigger. Everything else is chat.postMessage / chat.update.
/// </summary>
public sealed class SlackConnector(SlackWebApi slack, SlackCards cards, SlackCharts charts, ILogger<SlackConnector> logger) : IChannelConnector
{
    public bool CanDeliver(ConversationReference reference) => SlackChannel.Owns(reference);

    public Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken) =>
        Guard(reference, () => PostAsync(reference, activity, SlackChannel.Get(reference.Conversation, SlackChannel.ThreadTs), cancellationToken));

    public Task<ResourceResponse> ReplyAsync(ConversationReference reference, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        Guard(reference, () => PostAsync(reference, activity, SlackChannel.Get(reference.Conversation, SlackChannel.ThreadTs) ?? replyToId, cancellationToken));

    public Task<ResourceResponse> UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken cancellationToken) =>
        Guard(reference, async () =>
        {
            var conversation = reference.Conversation;
            var content = Content(activity);
            if (activityId == SlackChannel.Get(conversation, SlackChannel.ViewId))
            {
                return new ResourceResponse(await slack.UpdateViewAsync(activityId, AsModal(content), cancellationToken));
            }

            var message = AsMessage(content);
            if (activityId == SlackChannel.Get(conversation, SlackChannel.MessageTs) && SlackChannel.Get(conversation, SlackChannel.ResponseUrl) is { } responseUrl)
            {
                // The clicked message may be ephemeral, which only its response_url can replace.
                message["replace_original"] = true;
                await slack.RespondAsync(responseUrl, message, cancellationToken);
                return new ResourceResponse(activityId);
            }

            await slack.UpdateMessageAsync(conversation.Id, activityId, Text(message), message["blocks"] as JsonArray, cancellationToken);
            return new ResourceResponse(activityId);
        });

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) =>
        Guard(reference, async () =>
        {
            await slack.DeleteMessageAsync(reference.Conversation.Id, activityId, cancellationToken);
            return new ResourceResponse(activityId);
        });

    /// <summary>A 1:1 conversation is the app's direct message with the person; a group one is a new channel with the members invited.</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var members = parameters.Members?.Select(m => m.Id).Where(id => id.Length > 0).ToList() ?? [];
        try
        {
            if (parameters.IsGroup != true && members is [var only])
            {
                return new ConversationResourceResponse(await slack.OpenDirectMessageAsync(only, cancellationToken), null, SlackChannel.ServiceUrl);
            }

            var name = parameters.TopicName ?? throw new ArgumentException("A Slack channel needs a name (TopicName).", nameof(parameters));
            var channel = await slack.CreateConversationAsync(name, isPrivate: false, cancellationToken);
            if (members.Count > 0)
            {
                await slack.InviteAsync(channel, members, cancellationToken);
            }

            return new ConversationResourceResponse(channel, null, SlackChannel.ServiceUrl);
        }
        catch (SlackApiException failed)
        {
            throw new ConnectorException(failed.IsGone ? HttpStatusCode.NotFound : HttpStatusCode.BadGateway, failed.Message, null);
        }
    }

    /// <summary>The message from conversations.history (or .replies for a thread reply), with its permalink; null when it is gone.</summary>
    public async Task<ChannelMessage?> GetMessageAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        try
        {
            return await slack.GetMessageAsync(reference.Conversation.Id, activityId, cancellationToken) is { } found
                ? new ChannelMessage(SlackInbound.PlainText(found.Text), found.User, found.Permalink)
                : null;
        }
        catch (SlackApiException failed) when (failed.IsGone || failed.IsBlocked || failed.Error == "missing_scope")
        {
            logger.LogWarning("Message {Ts} in {Channel} cannot be read: {Error}", activityId, reference.Conversation.Id, failed.Error);
            return null;
        }
    }

    /// <summary>What a Slack answer is made of: the rendered card (message or modal), or text.</summary>
    public JsonObject Content(Activity activity, bool asMessage = false)
    {
        if (activity.Attachments is [{ ViewModel: { } model }, ..])
        {
            if (cards.Has(model))
            {
                return cards.Render(model, asMessage);
            }

            logger.LogWarning("Card {Card} has no Slack template in cards/slack; its text is sent instead", model.GetType().Name);
        }

        var text = activity.Text is { Length: > 0 } t ? SlackText.FromMarkdown(t)
            : activity.Attachments is { Count: > 0 } ? "This message has a card that Slack cannot show yet." : string.Empty;
        return new JsonObject { ["text"] = text };
    }

    private async Task<ResourceResponse> PostAsync(ConversationReference reference, Activity activity, string? threadTs, CancellationToken cancellationToken)
    {
        var conversation = reference.Conversation;
        var content = Content(activity);
        if (SlackCards.IsModal(content))
        {
            if (SlackChannel.Get(conversation, SlackChannel.TriggerId) is { } trigger)
            {
                // The modal remembers where it was opened, so its submission answers there.
                var metadata = content["private_metadata"] is JsonValue m && JsonNode.Parse(m.GetValue<string>()) is JsonObject carried ? carried : [];
                metadata["channel"] = conversation.Id;
                content["private_metadata"] = metadata.ToJsonString();
                return new ResourceResponse(await slack.OpenViewAsync(trigger, content, cancellationToken));
            }

            content = Content(activity, asMessage: true);
        }

        var message = AsMessage(content);
        var model = activity.Attachments is [{ ViewModel: { } shown }, ..] ? shown : null;
        if (SlackChannel.Get(conversation, SlackChannel.ResponseUrl) is { } responseUrl)
        {
            message["response_type"] = "ephemeral";
            message["replace_original"] = false;
            await slack.RespondAsync(responseUrl, message, cancellationToken);
            await charts.ShareAsync(model, conversation.Id, reference.User?.Id, threadTs, cancellationToken);
            return new ResourceResponse(null);
        }

        var sent = await slack.PostMessageAsync(conversation.Id, Text(message), message["blocks"] as JsonArray, threadTs, cancellationToken);
        await charts.ShareAsync(model, conversation.Id, reference.User?.Id, threadTs, cancellationToken);
        return new ResourceResponse(sent.Ts);
    }

    /// <summary>A card meant for a modal shown as a message: its blocks, with the title as the fallback text.</summary>
    private static JsonObject AsMessage(JsonObject content) => SlackCards.IsModal(content)
        ? new JsonObject { ["text"] = content["title"]?["text"]?.GetValue<string>() ?? string.Empty, ["blocks"] = content["blocks"]?.DeepClone() }
        : content;

    public JsonObject AsModal(JsonObject content) => SlackCards.IsModal(content)
        ? content
        : cards.Render(SlackCards.ModalTemplate, new JsonObject
        {
            ["title"] = "Service desk",
            ["blocks"] = content["blocks"]?.DeepClone() ?? new JsonArray(Section(Text(content))),
        });

    private static JsonObject Section(string text) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = BlockKitLimits.Cut(text, BlockKitLimits.SectionText) },
    };

    private static string Text(JsonObject message) => message["text"]?.GetValue<string>() ?? string.Empty;

    /// <summary>Slack's refusals in the connector's terms: a conversation gone is 404, one closed to the app is blocked.</summary>
    private static async Task<ResourceResponse> Guard(ConversationReference reference, Func<Task<ResourceResponse>> call)
    {
        try
        {
            return await call();
        }
        catch (SlackApiException failed) when (failed.IsBlocked)
        {
            throw new ConversationBlockedException(reference, failed.Error);
        }
        catch (SlackApiException failed) when (failed.IsGone)
        {
            throw new ConnectorException(HttpStatusCode.NotFound, failed.Message, null);
        }
    }
}
