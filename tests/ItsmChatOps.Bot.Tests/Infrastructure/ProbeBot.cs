using System.Collections.Concurrent;
using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>A small application that records what reached its routes, to test routing and turn handling.</summary>
public sealed class ProbeBot : BotApplication
{
    public const string ConfirmVerb = "incident.confirm";

    public ProbeBot()
    {
        // Registered first on purpose: a last-rank route must still lose to commands registered later.
        OnUnhandledMessage((turn, ct) => turn.SendAsync("fallback", ct));
        OnMessage("ping", "answers pong", (turn, ct) => turn.SendAsync("pong", ct));
        OnMessage("thread", "answers in the thread", (turn, ct) => turn.ReplyAsync(Activity.CreateMessage("in thread"), ct));
        OnMessage("boom", "fails", (_, _) => throw new InvalidOperationException("secret internal detail: connection string xyz"));
        OnMessage("slow", "waits for the test", async (turn, ct) =>
        {
            SlowStarted.TrySetResult();
            await Release.Task.WaitAsync(ct);
            await turn.SendAsync("slow done", ct);
        });
        OnCardAction(ConfirmVerb, ConfirmAsync);
        OnActivity(
            turn => turn.Activity.Type == ActivityTypes.Invoke && turn.Activity.Name == CardAction.InvokeName && turn.CardAction is null,
            (turn, _) => Task.CompletedTask);
    }

    public ConcurrentQueue<CardAction> CardActions { get; } = new();

    public TaskCompletionSource SlowStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static JsonElement Card { get; } = JsonSerializer.SerializeToElement(new { type = "AdaptiveCard", version = "1.5", body = new[] { new { type = "TextBlock", text = "Confirmed" } } });

    /// <summary>A runner for this application whose replies go to <paramref name="connector"/>.</summary>
    public TurnRunner Runner(IChannelConnector connector, ILoggerFactory? logs = null)
    {
        var factory = logs ?? NullLoggerFactory.Instance;
        return new TurnRunner(this, new ChannelConnectors([connector]), new TurnErrorHandler(factory.CreateLogger<TurnErrorHandler>()), factory.CreateLogger<TurnRunner>());
    }

    private Task<CardActionResult> ConfirmAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        CardActions.Enqueue(action);
        return Task.FromResult(action.GetString("answer") == "card" ? CardActionResult.Card(Card) : CardActionResult.Say("Thanks, closure confirmed."));
    }
}
