using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// The work behind a Slack request, after it was acknowledged: each delivery is claimed once through the API's
/// bot state (a retried event or a repeated click is dropped, whichever bot instance gets it), a button meant for
/// someone else gets "this is not yours", and the turn runs through the application. A click or a modal
/// submission is answered the Slack way: the modal or the clicked message shows the clicking user's result.
/// </summary>
public sealed class SlackTurns(TurnQueue queue, TurnRunner runner, ItsmApiClient api, SlackWebApi slack, SlackConnector connector, SlackCards cards,
    SlackForms forms, SlackHome home, SlackCharts charts, TimeProvider time, ILogger<SlackTurns> logger)
{
    public const string NotYours = "This is not yours to answer: it's waiting for someone else. Nothing was changed.";
    private static readonly TimeSpan DedupeLifetime = TimeSpan.FromDays(1);

    public bool TryEnqueue(SlackTurn turn) => queue.TryEnqueue(turn.Activity, cancellationToken => RunAsync(turn, cancellationToken));

    /// <summary>What a modal shows while its submission is worked on.</summary>
    public JsonObject WorkingView() => connector.AsModal(cards.Render(new MessageCard(MessageKind.Info, "Working on it", "One moment…", null, null)));

    public async Task RunAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        // The welcome is claimed for good; other deliveries only as long as Slack may retry them.
        var lifetime = turn.Activity.Type == ActivityTypes.ConversationUpdate ? (TimeSpan?)null : DedupeLifetime;
        var claim = new JsonObject { ["at"] = time.GetUtcNow().ToString("O") };
        if (!await api.TryCreateStateAsync(turn.DedupeKey, claim, lifetime, cancellationToken))
        {
            logger.LogInformation("Slack delivery {DedupeKey} was handled already; dropped", turn.DedupeKey);
            return;
        }

        if (turn.OnlyFor is { Length: > 0 } owner && owner != turn.Activity.From?.Id)
        {
            await SayAsync(turn, NotYours, cancellationToken);
            return;
        }

        if (turn.Activity.Name == SlackHome.EventName)
        {
            await home.PublishAsync(turn, cancellationToken);
            return;
        }

        if (await OpenFormAsync(turn, cancellationToken))
        {
            return;
        }

        var response = await runner.RunAsync(turn.Activity, cancellationToken);
        if (turn.Activity.Type == ActivityTypes.Invoke)
        {
            await AnswerAsync(turn, response, cancellationToken);
        }
    }

    /// <summary>A click whose words are missing or too long opens its form as a modal; nothing is sent to the API until the modal is right.</summary>
    private async Task<bool> OpenFormAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type != ActivityTypes.Invoke || turn.Activity.ReplyToId is null
            || SlackChannel.Get(turn.Activity.Conversation, SlackChannel.TriggerId) is not { } trigger)
        {
            return false;
        }

        var data = SlackForms.DataOf(turn.Activity);
        var verb = data["verb"] is JsonValue v && v.TryGetValue(out string? named) ? named : null;
        if (verb is null || !SlackForms.All.TryGetValue(verb, out var form) || SlackForms.Errors(verb, data).Count == 0)
        {
            return false;
        }

        await slack.OpenViewAsync(trigger, forms.Modal(form, data, turn.Activity.Conversation?.Id), cancellationToken);
        return true;
    }

    private async Task AnswerAsync(SlackTurn turn, InvokeResponse? response, CancellationToken cancellationToken)
    {
        var text = response?.Body switch
        {
            AdaptiveCardInvokeResponse { Type: AdaptiveCardInvokeResponse.MessageType, Value: string said } => said,
            AdaptiveCardInvokeResponse { Type: AdaptiveCardInvokeResponse.ErrorType, Value: InvokeError error } => error.Message,
            _ => null,
        };
        switch (response?.CardResult)
        {
            case CardActionResult.ReplaceCard { Model: { } model } card:
                await ShowAsync(turn, model, card.EveryoneModel, cancellationToken);
                break;
            case CardActionResult.PostCard:
                break; // posted already, where the click happened
            default:
                if (text is not null)
                {
                    await SayAsync(turn, text, cancellationToken);
                }

                break;
        }
    }

    /// <summary>
    /// A modal shows the result in place; a form answering a click opens as a modal with the click's trigger ("Still need
    /// help" gives way to the incident form); a clicked message is replaced unless everyone's version replaced it already.
    /// </summary>
    private async Task ShowAsync(SlackTurn turn, Cards.ICardModel model, Cards.ICardModel? everyone, CancellationToken cancellationToken)
    {
        var content = connector.Content(Activity.CreateCardMessage(default, model: model));
        if ((SlackCards.IsModal(content) && !turn.IsSubmission && SlackChannel.Get(turn.Activity.Conversation, SlackChannel.TriggerId) is not null) || turn.FromHome)
        {
            // With a trigger a form opens as a modal; a Home tab click's answer goes to the person's messages with the app.
            await connector.SendAsync(turn.Activity.GetConversationReference(), Activity.CreateCardMessage(default, model: model), cancellationToken);
            return;
        }

        if (turn.IsSubmission && turn.ViewId is { } viewId)
        {
            await slack.UpdateViewAsync(viewId, connector.AsModal(content), cancellationToken);
            if (everyone is not null && turn.OriginChannel is { } origin && !origin.StartsWith('D'))
            {
                var shared = connector.Content(Activity.CreateCardMessage(default, model: everyone));
                await slack.PostMessageAsync(origin, shared["text"]?.GetValue<string>() ?? string.Empty, shared["blocks"]?.DeepClone() as JsonArray, null, cancellationToken);
            }

            return;
        }

        if (everyone is not null && Equals(model, everyone))
        {
            return; // the message everyone sees is already this
        }

        if (turn.ResponseUrl is { } responseUrl)
        {
            // Everyone's version is on the message already: the clicking user's own view comes just to them.
            content["replace_original"] = everyone is null;
            content["response_type"] = "ephemeral";
            await slack.RespondAsync(responseUrl, content, cancellationToken);
            await charts.ShareAsync(model, turn.Activity.Conversation!.Id, turn.Activity.From?.Id, null, cancellationToken);
        }
    }

    private async Task SayAsync(SlackTurn turn, string text, CancellationToken cancellationToken)
    {
        var message = new JsonObject { ["text"] = SlackText.FromMarkdown(text) };
        if (turn.FromHome && turn.Activity.From is { } person)
        {
            await slack.PostMessageAsync(person.Id, message["text"]!.GetValue<string>(), null, null, cancellationToken);
        }
        else if (turn.IsSubmission && turn.ViewId is { } viewId)
        {
            await slack.UpdateViewAsync(viewId, connector.AsModal(message), cancellationToken);
        }
        else if (turn.ResponseUrl is { } responseUrl)
        {
            message["response_type"] = "ephemeral";
            message["replace_original"] = false;
            await slack.RespondAsync(responseUrl, message, cancellationToken);
        }
        else if (turn.Activity.Conversation is { } conversation && turn.Activity.From is { } user)
        {
            await slack.PostEphemeralAsync(conversation.Id, user.Id, message["text"]!.GetValue<string>(), null, cancellationToken);
        }
    }
}
