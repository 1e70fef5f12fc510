using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// The last word on a failed turn: logs the exception with the turn's correlation id and tells the
/// user, in plain words and with that id, that it did not work. The exception never reaches the user.
/// </summary>
public sealed class TurnErrorHandler(ILogger<TurnErrorHandler> logger)
{
    public static string UserMessage(string correlationId) =>
        "Sorry, something went wrong on my side and I could not finish that. Please try again in a moment. "
        + $"If it keeps happening, give the service desk this reference: {correlationId}.";

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, Exception failure, CancellationToken cancellationToken)
    {
        logger.LogError(failure, "Turn {CorrelationId} failed ({ActivityType} in conversation {ConversationId})",
            turn.CorrelationId, turn.Activity.Type, turn.Activity.Conversation?.Id);

        var text = UserMessage(turn.CorrelationId);
        if (turn.Activity.Type == ActivityTypes.Invoke)
        {
            return new InvokeResponse(StatusCodes.Status200OK, AdaptiveCardInvokeResponse.Error(StatusCodes.Status500InternalServerError, "InternalError", text));
        }

        try
        {
            await turn.SendAsync(text, cancellationToken);
        }
        catch (Exception sendFailure) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(sendFailure, "Could not tell the user that turn {CorrelationId} failed", turn.CorrelationId);
        }

        return null;
    }
}
