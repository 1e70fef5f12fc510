using System.Net;

namespace ItsmChatOps.Bot.Protocol.Connector;

/// <summary>A Connector call failed; <see cref="CorrelationId"/> is the Connector's <c>X-Correlating-OperationId</c>.</summary>
public class ConnectorException(HttpStatusCode status, string message, string? correlationId)
    : Exception($"{message} (HTTP {(int)status}, operation {correlationId ?? "unknown"})")
{
    public HttpStatusCode Status { get; } = status;
    public string? CorrelationId { get; } = correlationId;
}

/// <summary>
/// Teams answered 403 <c>MessageWritesBlocked</c>: the user blocked or uninstalled the bot, so nothing
/// more can be written to this conversation until they add it again. Not retried.
/// </summary>
public sealed class ConversationBlockedException(ConversationReference conversation, string? correlationId)
    : ConnectorException(HttpStatusCode.Forbidden, $"Conversation {conversation.Conversation.Id} does not accept messages from the bot", correlationId)
{
    public ConversationReference Conversation { get; } = conversation;
}

/// <summary>The conversation's service URL is not one the bot may send its token to.</summary>
public sealed class UntrustedServiceUrlException(string? serviceUrl)
    : Exception($"The service URL '{serviceUrl}' is not trusted; the bot's token is not sent there.");
