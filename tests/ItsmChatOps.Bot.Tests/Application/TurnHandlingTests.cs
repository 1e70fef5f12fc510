using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ItsmChatOps.Bot.Tests.Application;

public sealed class TurnHandlingTests : IDisposable
{
    private readonly ProbeBot bot = new();
    private readonly RecordingConnector connector = new();
    private readonly ListLoggerProvider logs = new();
    private readonly ILoggerFactory loggerFactory;

    public TurnHandlingTests() => loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));

    [Fact]
    public async Task Route_FallbackRegisteredFirst_CommandStillWins()
    {
        await bot.Runner(connector).RunAsync(TestActivities.Message("ping"), CancellationToken.None);
        await bot.Runner(connector).RunAsync(TestActivities.Message("pingpong"), CancellationToken.None);

        Assert.Equal(["pong", "fallback"], connector.Calls.Select(c => c.Activity!.Text));
    }

    [Fact]
    public async Task Route_MessageMentioningBot_MentionStrippedBeforeMatching()
    {
        var mention = TestActivities.With(TestActivities.Message("<at>ItsmChatOps</at> ping"), a =>
        {
            a.Conversation!.ConversationType = "channel";
            a.Entities = [new Entity { Type = Entity.MentionType, Text = "<at>ItsmChatOps</at>", Mentioned = new ChannelAccount { Id = TestActivities.BotId, Name = "ItsmChatOps" } }];
        });

        await bot.Runner(connector).RunAsync(mention, CancellationToken.None);

        Assert.Equal("pong", Assert.Single(connector.Calls).Activity!.Text);
    }

    [Fact]
    public async Task Route_Reply_AddressedBackToSender()
    {
        await bot.Runner(connector).RunAsync(TestActivities.Message("ping", id: "42"), CancellationToken.None);

        var sent = Assert.Single(connector.Calls).Activity!;
        Assert.Equal("42", sent.ReplyToId);
    }

    [Fact]
    public async Task Reply_InThread_RepliesToInboundActivity()
    {
        await bot.Runner(connector).RunAsync(TestActivities.Message("thread", id: "1699;messageid=7"), CancellationToken.None);

        var (operation, activityId, activity) = Assert.Single(connector.Calls);
        Assert.Equal("reply", operation);
        Assert.Equal("1699;messageid=7", activityId);
        Assert.Equal("in thread", activity!.Text);
    }

    [Fact]
    public async Task TurnError_InMessage_UserToldInPlainWordsWithReference()
    {
        await bot.Runner(connector, loggerFactory).RunAsync(TestActivities.Message("boom"), CancellationToken.None);

        var text = Assert.Single(connector.Calls).Activity!.Text!;
        Assert.StartsWith("Sorry, something went wrong on my side", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internal detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
        var reference = text[(text.LastIndexOf(':') + 2)..].TrimEnd('.');
        Assert.Contains(reference, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnError_InInvoke_ErrorInvokeResponseWithoutDetails()
    {
        var invoke = TestActivities.With(TestActivities.Message("boom"), a =>
        {
            a.Type = ActivityTypes.Invoke;
            a.Name = "adaptiveCard/action";
        });
        var failing = new ThrowingBot();

        var response = await failing.Runner(connector).RunAsync(invoke, CancellationToken.None);

        Assert.Equal(200, response!.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Equal(500, body.StatusCode);
        Assert.Equal("application/vnd.microsoft.error", body.Type);
        Assert.DoesNotContain("secret", Assert.IsType<InvokeError>(body.Value).Message, StringComparison.Ordinal);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Invoke_NoRoute_NotImplemented()
    {
        var invoke = TestActivities.With(TestActivities.Message(string.Empty), a =>
        {
            a.Type = ActivityTypes.Invoke;
            a.Name = "composeExtension/query";
        });

        var response = await bot.Runner(connector).RunAsync(invoke, CancellationToken.None);

        Assert.Equal(501, response!.Status);
    }

    public void Dispose()
    {
        loggerFactory.Dispose();
        logs.Dispose();
    }

    private sealed class ThrowingBot : BotApplication
    {
        public ThrowingBot() => OnActivity(ActivityTypes.Invoke, (_, _) => throw new InvalidOperationException("secret"));

        public TurnRunner Runner(IChannelConnector connector) =>
            new(this, new ChannelConnectors([connector]), new TurnErrorHandler(Microsoft.Extensions.Logging.Abstractions.NullLogger<TurnErrorHandler>.Instance),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<TurnRunner>.Instance);
    }
}
