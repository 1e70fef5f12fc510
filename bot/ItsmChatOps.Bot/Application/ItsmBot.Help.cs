using System.Text;

namespace ItsmChatOps.Bot.Application;

/// <summary>Welcome, help, and the answer to anything the bot does not understand.</summary>
public sealed partial class ItsmBot
{
    public const string HelpVerb = "help";

    private void MapHelp()
    {
        OnBotAdded(WelcomeAsync);
        OnMessage("help", "shows what I can do", HelpAsync);
        OnCardAction(HelpVerb, HelpCardActionAsync);
        OnUnhandledMessage(NotUnderstoodAsync);
    }

    private Task WelcomeAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendAsync("Hello! I am the ItsmChatOps service desk bot. Type **help** to see what I can do.", cancellationToken);

    private Task HelpAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendAsync(HelpText(), cancellationToken);

    private Task<CardActionResult> HelpCardActionAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        Task.FromResult(CardActionResult.Say(HelpText()));

    private Task NotUnderstoodAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendAsync("Sorry, I did not understand that. " + HelpText(), cancellationToken);

    /// <summary>Lists the commands actually registered, so help never promises what the bot cannot do.</summary>
    private string HelpText()
    {
        var text = new StringBuilder("Here is what I can do:");
        foreach (var command in Commands)
        {
            text.Append("\n\n- **").Append(command.Name).Append("**: ").Append(command.Description);
        }

        return text.ToString();
    }
}
