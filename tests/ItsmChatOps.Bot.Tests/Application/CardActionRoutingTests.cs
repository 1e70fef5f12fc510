using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Application;

public sealed class CardActionRoutingTests
{
    private readonly ProbeBot bot = new();
    private readonly RecordingConnector connector = new();

    [Fact]
    public async Task CardAction_ExecuteAndSubmit_ReachSameVerbRouteWithSameData()
    {
        var data = new { verb = ProbeBot.ConfirmVerb, incidentId = "INC-1042", etag = "\"0a1b\"", comment = "works again" };

        await bot.Runner(connector).RunAsync(TestActivities.Execute(ProbeBot.ConfirmVerb, data), CancellationToken.None);
        await bot.Runner(connector).RunAsync(TestActivities.Submit(data), CancellationToken.None);

        var actions = bot.CardActions.ToArray();
        Assert.Equal(2, actions.Length);
        Assert.Equal([CardActionSource.Execute, CardActionSource.Submit], actions.Select(a => a.Source));
        Assert.All(actions, a => Assert.Equal(ProbeBot.ConfirmVerb, a.Verb));
        Assert.All(actions, a => Assert.Equal("INC-1042", a.GetString("incidentId")));
        Assert.All(actions, a => Assert.Equal("\"0a1b\"", a.GetString("etag")));
        Assert.All(actions, a => Assert.Equal("1700000000000", a.CardActivityId));
        Assert.True(JsonElement.DeepEquals(actions[0].Data, actions[1].Data));
    }

    [Fact]
    public async Task CardAction_ExecuteAnsweredWithText_InvokeResponseIsMessage()
    {
        var response = await bot.Runner(connector).RunAsync(TestActivities.Execute(ProbeBot.ConfirmVerb, new { }), CancellationToken.None);

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Equal(200, body.StatusCode);
        Assert.Equal("application/vnd.microsoft.activity.message", body.Type);
        Assert.Equal("Thanks, closure confirmed.", body.Value);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task CardAction_ExecuteAnsweredWithCard_InvokeResponseReplacesCard()
    {
        var response = await bot.Runner(connector).RunAsync(TestActivities.Execute(ProbeBot.ConfirmVerb, new { answer = "card" }), CancellationToken.None);

        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response!.Body);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.Type);
        Assert.True(JsonElement.DeepEquals(ProbeBot.Card, (JsonElement)body.Value));
    }

    [Fact]
    public async Task CardAction_SubmitAnsweredWithCard_UpdatesClickedCardInPlace()
    {
        var response = await bot.Runner(connector).RunAsync(TestActivities.Submit(new { verb = ProbeBot.ConfirmVerb, answer = "card" }), CancellationToken.None);

        Assert.Null(response);
        var (operation, activityId, activity) = Assert.Single(connector.Calls);
        Assert.Equal("update", operation);
        Assert.Equal("1700000000000", activityId);
        Assert.Equal(Attachment.AdaptiveCardContentType, Assert.Single(activity!.Attachments!).ContentType);
    }

    [Fact]
    public async Task CardAction_SubmitAnsweredWithText_SendsMessage()
    {
        await bot.Runner(connector).RunAsync(TestActivities.Submit(new { verb = ProbeBot.ConfirmVerb }), CancellationToken.None);

        var (operation, _, activity) = Assert.Single(connector.Calls);
        Assert.Equal("send", operation);
        Assert.Equal("Thanks, closure confirmed.", activity!.Text);
    }

    [Fact]
    public async Task CardAction_UnknownVerbByExecute_ErrorInvokeResponse()
    {
        var response = await bot.Runner(connector).RunAsync(TestActivities.Execute("change.approve", new { }), CancellationToken.None);

        Assert.Equal(200, response!.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(response.Body);
        Assert.Equal(400, body.StatusCode);
        Assert.Equal("application/vnd.microsoft.error", body.Type);
        Assert.Equal("UnknownVerb", Assert.IsType<InvokeError>(body.Value).Code);
    }

    [Fact]
    public async Task CardAction_UnknownVerbBySubmit_ToldInPlainWords()
    {
        await bot.Runner(connector).RunAsync(TestActivities.Submit(new { verb = "change.approve" }), CancellationToken.None);

        var (operation, _, activity) = Assert.Single(connector.Calls);
        Assert.Equal("send", operation);
        Assert.Contains("not something I can handle", activity!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ValueWithoutVerb_RoutedAsMessage()
    {
        await bot.Runner(connector).RunAsync(TestActivities.With(TestActivities.Submit(new { comment = "x" }), a => a.Text = "ping"), CancellationToken.None);

        Assert.Equal("pong", Assert.Single(connector.Calls).Activity!.Text);
        Assert.Empty(bot.CardActions);
    }
}
