using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;
using Diagnostics = System.Diagnostics;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// Runs one turn through the application with the connector of the activity's channel, and turns
/// failures into something the user can read: a blocked conversation goes to the application, any
/// other exception to <see cref="TurnErrorHandler"/>.
/// </summary>
public sealed class TurnRunner(BotApplication application, ChannelConnectors connectors, TurnErrorHandler errors, ILogger<TurnRunner> logger)
{
    public async Task<InvokeResponse?> RunAsync(Activity activity, CancellationToken cancellationToken)
    {
        var correlationId = Diagnostics.Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["CorrelationId"] = correlationId,
            ["ChannelId"] = activity.ChannelId,
            ["ConversationId"] = activity.Conversation?.Id,
            ["ActivityType"] = activity.Type,
        });

        var turn = new TurnContext(activity, connectors.For(activity.GetConversationReference()), correlationId);
        try
        {
            await application.RunAsync(turn, cancellationToken);
        }
        catch (ConversationBlockedException blocked)
        {
            logger.LogWarning("Conversation {ConversationId} blocks the bot (operation {OperationId})", blocked.Conversation.Conversation.Id, blocked.CorrelationId);
            await application.OnConversationBlockedAsync(blocked, cancellationToken);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            return await errors.HandleAsync(turn, failure, cancellationToken);
        }

        return turn.InvokeResponse
            ?? (activity.Type == ActivityTypes.Invoke ? new InvokeResponse(StatusCodes.Status200OK, null) : null);
    }
}
