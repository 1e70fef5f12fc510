using System.Text;
using System.Text.RegularExpressions;
using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;

namespace ItsmChatOps.Bot.Application;

/// <summary>Welcome, help, greetings, and the answer to a message with nothing to act on.</summary>
public sealed partial class ItsmBot
{
    public const string HelpVerb = "help";

    private void MapHelp()
    {
        OnBotAdded(WelcomeAsync);
        OnMessage("help", "shows what I can do", HelpAsync);
        OnMessage(Greeting(), GreetAsync);
        OnCardAction(HelpVerb, HelpCardActionAsync);
        OnCardAction(Verbs.HelpShow, HelpCardActionAsync);
    }

    private async Task WelcomeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        await turn.SendAsync("Hello! I am the ItsmChatOps service desk bot. Tell me what isn't working, or type **help** to see what I can do.", cancellationToken);
        try
        {
            // Knowing how to reach the person lets their first updates arrive before they ever type.
            await users.FindAsync(turn, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Best effort: the welcome stands whatever the lookup met; their first real turn looks them up again.
            logger.LogWarning(failure, "Could not look up the person who added the bot in conversation {ConversationId}", turn.Activity.Conversation?.Id);
        }
    }

    private Task HelpAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendAsync(HelpText(), cancellationToken);

    private Task GreetAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendAsync("Hello! Tell me what isn't working and I'll get it to the right team, or type **help** to see what I can do.", cancellationToken);

    private Task<CardActionResult> HelpCardActionAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        Task.FromResult(CardActionResult.Say(HelpText()));

    /// <summary>Lists the commands actually registered, so help never promises what the bot cannot do.</summary>
    private string HelpText()
    {
        var text = new StringBuilder("Here is what I can do:");
        foreach (var command in Commands)
        {
            text.Append("\n\n- **").Append(command.Name).Append("**: ").Append(command.Description);
        }

        text.Append("\n\nOr just tell me what isn't working, in your own words.");
        return text.ToString();
    }

    // Small talk is answered, not turned into an incident report.
    [GeneratedRegex(@"^(hi|hello|hey|hiya|good (morning|afternoon|evening)|thanks|thank you|thx|ok|okay|cheers)\b[\s!.,:)]*(there|bot)?[\s!.,:)]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Greeting();
}
