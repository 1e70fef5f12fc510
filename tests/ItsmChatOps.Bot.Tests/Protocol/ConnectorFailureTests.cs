using System.Net;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItsmChatOps.Bot.Tests.Protocol;

public sealed class ConnectorFailureTests : IDisposable
{
    private const string BlockedBody =
        "{\"errorCode\":209,\"message\":\"{\\r\\n  \\\"subCode\\\": \\\"MessageWritesBlocked\\\",\\r\\n  \\\"details\\\": \\\"Thread is blocked from message writes.\\\"\\r\\n}\"}";

    private readonly BotFactory factory = new();
    private readonly BotFrameworkConnector connector;
    private readonly ConversationReference conversation = TestActivities.Message("hi").GetConversationReference();

    public ConnectorFailureTests()
    {
        connector = factory.Services.GetServices<IChannelConnector>().OfType<BotFrameworkConnector>().Single();
    }

    [Fact]
    public async Task Send_Throttled_WaitsRetryAfterThenSucceeds()
    {
        var calls = 0;
        factory.Connector.Responder = _ => Interlocked.Increment(ref calls) == 1
            ? RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { }, ("Retry-After", "7"))
            : RecordingHandler.Json(HttpStatusCode.OK, new { id = "sent" });

        var sent = connector.SendAsync(conversation, Activity.CreateMessage("hello"), CancellationToken.None);
        var response = await factory.Time.AdvanceUntilDoneAsync(sent, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(5));

        Assert.Equal("sent", response.Id);
        var requests = factory.Connector.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(7), $"retried after {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task Send_AlwaysThrottled_GivesUpAfterBoundedRetries()
    {
        factory.Connector.Responder = _ => RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { }, ("Retry-After", "1"));

        var sent = connector.SendAsync(conversation, Activity.CreateMessage("hello"), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<ConnectorException>(() => factory.Time.AdvanceUntilDoneAsync(sent, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(5)));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        Assert.Equal(4, factory.Connector.Requests.Count);
    }

    [Fact]
    public async Task Send_UserBlockedBot_ThrowsConversationBlockedWithoutRetry()
    {
        factory.Connector.Responder = _ => new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent(BlockedBody),
            Headers = { { "X-Correlating-OperationId", "op-blocked-1" } },
        };

        var blocked = await Assert.ThrowsAsync<ConversationBlockedException>(() => connector.SendAsync(conversation, Activity.CreateMessage("x"), CancellationToken.None));

        Assert.Equal(TestActivities.ConversationId, blocked.Conversation.Conversation.Id);
        Assert.Equal("op-blocked-1", blocked.CorrelationId);
        Assert.Single(factory.Connector.Requests);
    }

    [Fact]
    public async Task Send_OtherForbidden_ThrowsConnectorExceptionNotBlocked()
    {
        factory.Connector.Responder = _ => RecordingHandler.Json(HttpStatusCode.Forbidden, new { error = new { code = "BotNotInConversationRoster", message = "not a member" } });

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => connector.SendAsync(conversation, Activity.CreateMessage("x"), CancellationToken.None));

        Assert.IsNotType<ConversationBlockedException>(failure);
        Assert.Equal(HttpStatusCode.Forbidden, failure.Status);
    }

    [Fact]
    public async Task Send_AnyAnswer_LogsCorrelatingOperationId()
    {
        factory.Connector.Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new { id = "1" }, ("X-Correlating-OperationId", "op-5f1c"));

        await connector.SendAsync(conversation, Activity.CreateMessage("x"), CancellationToken.None);

        Assert.Contains(factory.Logs.Entries, e => e.Category.EndsWith(nameof(BotFrameworkConnector), StringComparison.Ordinal) && e.Message.Contains("op-5f1c", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Turn_ReplyBlocked_AppToldAndNoApologyAttempted()
    {
        factory.Connector.Responder = _ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(BlockedBody) };
        using var client = factory.CreateClient();

        using var response = await TestActivities.PostAsync(client, TestActivities.Message("help"), factory.Mint());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await factory.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Category.EndsWith("ItsmBot", StringComparison.Ordinal) && e.Message.Contains("blocked", StringComparison.Ordinal));
        await factory.IdleAsync(); // an apology would come after the warning: the turn has to be over to say there was none
        Assert.Single(factory.Connector.Requests);
    }

    public void Dispose() => factory.Dispose();
}
