using System.Text.RegularExpressions;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;

namespace ItsmChatOps.Bot.Application;

public delegate Task TurnHandler(TurnContext turn, CancellationToken cancellationToken);

public delegate Task<CardActionResult> CardActionHandler(TurnContext turn, CardAction action, CancellationToken cancellationToken);

/// <summary>Order in which routes are tried; the first whose selector matches handles the turn.</summary>
public enum RouteRank
{
    First = 0,
    Normal = 100,
    Last = 1000,
}

/// <summary>A message command the bot understands, listed by help.</summary>
public sealed record BotCommand(string Name, string Description);

/// <summary>
/// An application shaped like the Microsoft 365 Agents SDK's: routes are registered per activity type,
/// per message command or pattern, and per card verb, and a turn runs the first route that matches.
/// Card actions are routed by verb whichever way they arrive (Execute invoke or Submit message).
/// </summary>
public abstract class BotApplication
{
    private readonly List<(RouteRank Rank, Func<TurnContext, bool> Selector, TurnHandler Handler)> routes = [];
    private readonly Dictionary<string, CardActionHandler> cardActions = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<BotCommand> commands = [];

    /// <summary>The message commands registered with a description, in registration order.</summary>
    public IReadOnlyList<BotCommand> Commands => commands;

    /// <summary>The card verbs this application handles.</summary>
    public IReadOnlyCollection<string> CardVerbs => cardActions.Keys;

    protected void OnActivity(Func<TurnContext, bool> selector, TurnHandler handler, RouteRank rank = RouteRank.Normal)
    {
        // Insert after every route of the same or a better rank, so registration order breaks ties.
        var index = routes.FindLastIndex(r => r.Rank <= rank) + 1;
        routes.Insert(index, (rank, selector, handler));
    }

    protected void OnActivity(string type, TurnHandler handler, RouteRank rank = RouteRank.Normal) =>
        OnActivity(turn => turn.Activity.Type == type, handler, rank);

    /// <summary>A command: the message text is the word itself or starts with it followed by a space.</summary>
    protected void OnMessage(string command, string description, TurnHandler handler)
    {
        commands.Add(new BotCommand(command, description));
        OnActivity(
            turn => turn.Activity.Type == ActivityTypes.Message
                && (turn.Text.Equals(command, StringComparison.OrdinalIgnoreCase)
                    || turn.Text.StartsWith(command + " ", StringComparison.OrdinalIgnoreCase)),
            handler);
    }

    protected void OnMessage(Regex pattern, TurnHandler handler) =>
        OnActivity(turn => turn.Activity.Type == ActivityTypes.Message && pattern.IsMatch(turn.Text), handler);

    /// <summary>The bot itself was added to a conversation (installed for a user, a chat or a team).</summary>
    protected void OnBotAdded(TurnHandler handler) =>
        OnActivity(
            turn => turn.Activity.Type == ActivityTypes.ConversationUpdate
                && turn.Activity.MembersAdded?.Any(m => m.Id == turn.Activity.Recipient?.Id) == true,
            handler);

    protected void OnMessageReaction(TurnHandler handler) => OnActivity(ActivityTypes.MessageReaction, handler);

    /// <summary>Any message no other route took: the last resort.</summary>
    protected void OnUnhandledMessage(TurnHandler handler) => OnActivity(ActivityTypes.Message, handler, RouteRank.Last);

    /// <summary>Handles the card verb <paramref name="verb"/>, for both Action.Execute and Action.Submit.</summary>
    protected void OnCardAction(string verb, CardActionHandler handler) => cardActions.Add(verb, handler);

    /// <summary>Called when Teams says the conversation no longer accepts messages from the bot.</summary>
    protected internal virtual Task OnConversationBlockedAsync(ConversationBlockedException blocked, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Text for a card action whose verb no route handles.</summary>
    protected virtual string UnknownCardActionText => "That button is not something I can handle any more.";

    public async Task RunAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.CardAction is { } action)
        {
            await RunCardActionAsync(turn, action, cancellationToken);
            return;
        }

        foreach (var (_, selector, handler) in routes)
        {
            if (selector(turn))
            {
                await handler(turn, cancellationToken);
                return;
            }
        }

        if (turn.Activity.Type == ActivityTypes.Invoke)
        {
            // Botbuilder's answer to an invoke nobody handles.
            turn.SetInvokeResponse(new InvokeResponse(StatusCodes.Status501NotImplemented, null));
        }
    }

    private async Task RunCardActionAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (!cardActions.TryGetValue(action.Verb, out var handler))
        {
            await ApplyAsync(turn, action, CardActionResult.Say(UnknownCardActionText), unknownVerb: true, cancellationToken);
            return;
        }

        var result = await handler(turn, action, cancellationToken);
        await ApplyAsync(turn, action, result, unknownVerb: false, cancellationToken);
    }

    private static async Task ApplyAsync(TurnContext turn, CardAction action, CardActionResult result, bool unknownVerb, CancellationToken cancellationToken)
    {
        if (action.Source == CardActionSource.Execute)
        {
            var body = (result, unknownVerb) switch
            {
                (CardActionResult.Message m, true) => AdaptiveCardInvokeResponse.Error(StatusCodes.Status400BadRequest, "UnknownVerb", m.Text),
                (CardActionResult.Message m, false) => AdaptiveCardInvokeResponse.Message(m.Text),
                (CardActionResult.ReplaceCard c, _) => AdaptiveCardInvokeResponse.Card(c.Content),
                (CardActionResult.PostCard p, _) => AdaptiveCardInvokeResponse.Message(p.Acknowledgement),
                _ => throw new InvalidOperationException($"Unknown card action result {result.GetType().Name}."),
            };
            await ApplySideEffectsAsync(turn, action, result, cancellationToken);
            turn.SetInvokeResponse(new InvokeResponse(StatusCodes.Status200OK, body) { CardResult = result });
            return;
        }

        switch (result)
        {
            case CardActionResult.ReplaceCard card when action.CardActivityId is { } cardId:
                await turn.UpdateAsync(cardId, Shown(card), cancellationToken);
                break;
            case CardActionResult.ReplaceCard card:
                await turn.SendAsync(Shown(card), cancellationToken);
                break;
            case CardActionResult.PostCard post:
                await turn.SendAsync(Activity.CreateCardMessage(post.Content, model: post.Model), cancellationToken);
                break;
            case CardActionResult.Message message:
                await turn.SendAsync(message.Text, cancellationToken);
                break;
        }
    }

    /// <summary>Execute: the invoke response reaches the clicking user only, so what others see is sent or updated separately.</summary>
    private static async Task ApplySideEffectsAsync(TurnContext turn, CardAction action, CardActionResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case CardActionResult.ReplaceCard { ForEveryone: { } everyone } card when action.CardActivityId is { } cardId:
                await turn.UpdateAsync(cardId, Activity.CreateCardMessage(everyone, model: card.EveryoneModel), cancellationToken);
                break;
            case CardActionResult.PostCard post:
                await turn.SendAsync(Activity.CreateCardMessage(post.Content, model: post.Model), cancellationToken);
                break;
        }
    }

    /// <summary>Submit: the posted message itself changes, so it shows what everyone should see.</summary>
    private static Activity Shown(CardActionResult.ReplaceCard card) => card.ForEveryone is { } everyone
        ? Activity.CreateCardMessage(everyone, model: card.EveryoneModel)
        : Activity.CreateCardMessage(card.Content, model: card.Model);
}
