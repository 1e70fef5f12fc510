using System.Net;
using System.Text;
using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Protocol;

public sealed class MessagesEndpointTests : IDisposable
{
    private readonly ProbeBot probe = new();
    private readonly BotFactory factory;

    public MessagesEndpointTests()
    {
        factory = new BotFactory { ConfigureServices = services => services.AddSingleton<BotApplication>(probe) };
    }

    [Fact]
    public async Task Invoke_CardAction_AnsweredInDocumentedShape()
    {
        using var client = factory.CreateClient();

        using var response = await TestActivities.PostAsync(client, TestActivities.Execute(ProbeBot.ConfirmVerb, new { incidentId = "INC-7" }), factory.Mint());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var expected = JsonDocument.Parse("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Thanks, closure confirmed."}""").RootElement;
        Assert.True(JsonElement.DeepEquals(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement));
    }

    [Fact]
    public async Task Invoke_CardActionReplacingCard_BodyCarriesCard()
    {
        using var client = factory.CreateClient();

        using var response = await TestActivities.PostAsync(client, TestActivities.Execute(ProbeBot.ConfirmVerb, new { answer = "card" }), factory.Mint());

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", body.GetProperty("value").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Message_SlowWork_AcknowledgedBeforeItFinishes()
    {
        using var client = factory.CreateClient();

        using var response = await TestActivities.PostAsync(client, TestActivities.Message("slow"), factory.Mint());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await probe.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(factory.Connector.Requests);
        probe.Release.SetResult();
        var sent = Assert.Single(await factory.Connector.WaitForAsync(1));
        Assert.Equal("slow done", sent.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Message_SubmitFromTeams_SameRouteAsExecute()
    {
        using var client = factory.CreateClient();

        using var response = await TestActivities.PostAsync(client, TestActivities.Submit(new { verb = ProbeBot.ConfirmVerb, incidentId = "INC-7" }), factory.Mint());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await factory.Connector.WaitForAsync(1));
        Assert.Equal("Thanks, closure confirmed.", sent.Json.GetProperty("text").GetString());
        Assert.Equal("INC-7", Assert.Single(probe.CardActions).GetString("incidentId"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"text":"no type"}""")]
    public async Task Post_MalformedActivity_BadRequest(string body)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", factory.Mint());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
