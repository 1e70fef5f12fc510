using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.DirectLine;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Tests.DirectLine;

public sealed class DirectLineEndpointTests : IDisposable
{
    private readonly BotFactory factory = new();
    private readonly DirectLineClient directLine;

    public DirectLineEndpointTests() => directLine = new DirectLineClient(factory.CreateClient());

    [Fact]
    public async Task Start_NewConversation_BotWelcomesUser()
    {
        var token = await directLine.StartAsync("alice@contoso.test");
        var conversationId = DirectLineClient.ConversationOf(token);

        var welcome = await directLine.WaitForAsync(conversationId, token, a => a.GetProperty("from").GetProperty("role").GetString() == "bot");

        Assert.Contains("type **help**", welcome.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("alice@contoso.test", welcome.GetProperty("recipient").GetProperty("id").GetString());
    }

    [Fact]
    public async Task PostActivity_Help_EchoedThenAnsweredWithWatermarks()
    {
        var token = await directLine.StartAsync("alice@contoso.test");
        var conversationId = DirectLineClient.ConversationOf(token);
        await directLine.WaitForAsync(conversationId, token, a => a.GetProperty("from").GetProperty("role").GetString() == "bot");
        var (_, afterWelcome) = await directLine.GetActivitiesAsync(conversationId, token);

        using var posted = await directLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            new { type = "message", text = "help", from = new { id = "mallory@contoso.test" }, channelData = new { clientActivityID = "c-1" } });
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await directLine.WaitForAsync(conversationId, token, a => a.GetProperty("text").GetString()?.StartsWith("Here is what I can do", StringComparison.Ordinal) == true);
        var (later, watermark) = await directLine.GetActivitiesAsync(conversationId, token, afterWelcome);
        var (none, same) = await directLine.GetActivitiesAsync(conversationId, token, watermark);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(2, later.Length);
        Assert.Equal(id, later[0].GetProperty("id").GetString());
        Assert.Equal("alice@contoso.test", later[0].GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("c-1", later[0].GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(id, later[1].GetProperty("replyToId").GetString());
        Assert.Equal(int.Parse(afterWelcome, System.Globalization.CultureInfo.InvariantCulture) + 2, int.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(none);
        Assert.Equal(watermark, same);
    }

    [Fact]
    public async Task PostActivity_SubmitWithVerb_RoutedLikeTeamsCardAction()
    {
        var token = await directLine.StartAsync("bob@contoso.test");
        var conversationId = DirectLineClient.ConversationOf(token);

        using var posted = await directLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            new { type = "message", value = new { verb = "help" } });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await directLine.WaitForAsync(conversationId, token, a => a.TryGetProperty("text", out var t) && t.GetString()!.StartsWith("Here is what I can do", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostActivity_SubmitWithoutReplyToId_NamesTheCardItsButtonIsOn()
    {
        var token = await directLine.StartAsync("carol@contoso.test");
        var conversationId = DirectLineClient.ConversationOf(token);
        var conversation = factory.Services.GetRequiredService<DirectLineConversations>().Find(conversationId)!;
        var reference = LocalChannel.Reference(conversation, DirectLineApi.BotAccount(factory.Services.GetRequiredService<IOptions<BotOptions>>().Value));
        var connector = factory.Services.GetServices<IChannelConnector>().OfType<DirectLineConnector>().Single();
        static Activity Card(string key) => Activity.CreateCardMessage(JsonDocument.Parse(
            $$$"""{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.Submit","title":"Go","data":{"verb":"help","idempotencyKey":"{{{key}}}"}}]}""").RootElement);
        var clicked = await connector.SendAsync(reference, Card("card-6"), CancellationToken.None);
        await connector.SendAsync(reference, Card("card-7"), CancellationToken.None);

        using var posted = await directLine.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token,
            new { type = "message", value = new { verb = "help", idempotencyKey = "card-6", comment = "typed in the card" } });

        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var (activities, _) = await directLine.GetActivitiesAsync(conversationId, token);
        Assert.Equal(clicked.Id, activities.Single(a => a.GetProperty("id").GetString() == id).GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task Refresh_ValidToken_NewTokenForSameConversation()
    {
        var token = await directLine.StartAsync("alice@contoso.test");
        factory.Time.Advance(TimeSpan.FromMinutes(15));

        using var response = await directLine.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var refreshed = body.GetProperty("token").GetString()!;
        factory.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DirectLineClient.ConversationOf(token), body.GetProperty("conversationId").GetString());
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
        using var withOld = await directLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{DirectLineClient.ConversationOf(token)}", token);
        using var withNew = await directLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{DirectLineClient.ConversationOf(token)}", refreshed);
        Assert.Equal(HttpStatusCode.Forbidden, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task Activities_ExpiredToken_Forbidden()
    {
        var token = await directLine.StartAsync("alice@contoso.test");
        factory.Time.Advance(TimeSpan.FromMinutes(31));

        using var response = await directLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{DirectLineClient.ConversationOf(token)}/activities", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Activities_ForgedToken_Forbidden()
    {
        var token = await directLine.StartAsync("alice@contoso.test");
        var parts = token.Split('.');
        var payload = JsonSerializer.Serialize(new { conv = DirectLineClient.ConversationOf(token), sub = "admin@contoso.test", iss = "itsmchatops-local-directline", aud = "itsmchatops-local-directline", exp = 4102444800 });
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        using var response = await directLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{DirectLineClient.ConversationOf(token)}/activities", forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Activities_TokenOfAnotherConversation_Forbidden()
    {
        var alice = await directLine.StartAsync("alice@contoso.test");
        var bob = await directLine.StartAsync("bob@contoso.test");

        using var response = await directLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{DirectLineClient.ConversationOf(alice)}/activities", bob);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Activities_NoToken_Unauthorized()
    {
        var token = await directLine.StartAsync("alice@contoso.test");

        using var response = await directLine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{DirectLineClient.ConversationOf(token)}/activities", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/v3/directline/tokens/generate")]
    [InlineData("/v3/directline/conversations/{0}/activities")]
    public async Task Post_MalformedJson_BadRequest(string path)
    {
        var token = await directLine.StartAsync("alice@contoso.test");
        using var request = new HttpRequestMessage(HttpMethod.Post, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, DirectLineClient.ConversationOf(token)))
        {
            Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose() => factory.Dispose();
}
