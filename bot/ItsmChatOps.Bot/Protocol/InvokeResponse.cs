using System.Text.Json;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>
/// What an <c>invoke</c> turn answers: the HTTP status and body written on the channel's own request.
/// For <c>adaptiveCard/action</c> the status is 200 and the body is an <see cref="AdaptiveCardInvokeResponse"/>.
/// </summary>
public sealed record InvokeResponse(int Status, object? Body)
{
    /// <summary>The card action's result the body was made from, for channels that answer a click their own way (Slack).</summary>
    public Application.CardActionResult? CardResult { get; init; }
}

/// <summary>The documented body of an <c>adaptiveCard/action</c> answer: <c>{statusCode, type, value}</c>.</summary>
public sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, object Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Replace the clicked card with <paramref name="card"/> for the acting user.</summary>
    public static AdaptiveCardInvokeResponse Card(JsonElement card) => new(200, CardType, card);

    /// <summary>Show <paramref name="text"/> to the acting user and keep the card.</summary>
    public static AdaptiveCardInvokeResponse Message(string text) => new(200, MessageType, text);

    /// <summary>An error the client shows; <paramref name="statusCode"/> is 400 or 500.</summary>
    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new(statusCode, ErrorType, new InvokeError(code, message));
}

public sealed record InvokeError(string Code, string Message);
