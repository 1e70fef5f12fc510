using System.Net;
using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Protocol;

public sealed class ConnectorClientTests : IDisposable
{
    private static readonly string ActivitiesUrl =
        $"{ChannelKeys.ServiceUrl}v3/conversations/{Uri.EscapeDataString(TestActivities.ConversationId)}/activities";

    private readonly BotFactory factory = new();
    private readonly BotFrameworkConnector connector;
    private readonly ConversationReference conversation = TestActivities.Message("hi").GetConversationReference();

    public ConnectorClientTests()
    {
        connector = factory.Services.GetServices<IChannelConnector>().OfType<BotFrameworkConnector>().Single();
    }

    [Fact]
    public async Task Send_ToConversation_PostsActivityWithBotTokenAndAddressing()
    {
        var response = await connector.SendAsync(conversation, Activity.CreateMessage("hello"), CancellationToken.None);

        var request = Assert.Single(factory.Connector.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(ActivitiesUrl, request.Uri.AbsoluteUri);
        Assert.Equal("Bearer connector-token-1", request.Authorization);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var body = request.Json;
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("hello", body.GetProperty("text").GetString());
        Assert.Equal(TestActivities.BotId, body.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(TestActivities.UserId, body.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(TestActivities.ConversationId, body.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal("1", response.Id);
    }

    [Fact]
    public async Task Send_FirstCall_AsksEntraForConnectorScopeInBotTenant()
    {
        await connector.SendAsync(conversation, Activity.CreateMessage("hello"), CancellationToken.None);

        var token = Assert.Single(factory.Entra.Requests, r => r.Uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
        Assert.Equal($"{EntraStub.AuthorityHost}{EntraStub.TenantId}/oauth2/v2.0/token", token.Uri.AbsoluteUri);
        var form = token.Body.Split('&').Select(Uri.UnescapeDataString).ToList();
        Assert.Contains("grant_type=client_credentials", form);
        Assert.Contains($"client_id={ChannelKeys.AppId}", form);
        Assert.Contains($"client_secret={EntraStub.ClientSecret}", form);
        Assert.Contains("scope=https://api.botframework.com/.default", form);
    }

    [Fact]
    public async Task Reply_ToActivity_PostsUnderTheActivityId()
    {
        await connector.ReplyAsync(conversation, "1699;messageid=42", Activity.CreateMessage("in thread"), CancellationToken.None);

        var request = Assert.Single(factory.Connector.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{ActivitiesUrl}/{Uri.EscapeDataString("1699;messageid=42")}", request.Uri.AbsoluteUri);
        Assert.Equal("1699;messageid=42", request.Json.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task Update_SentCard_PutsFullReplacementInPlace()
    {
        var card = JsonSerializer.SerializeToElement(new { type = "AdaptiveCard", version = "1.5", body = Array.Empty<object>() });

        var response = await connector.UpdateAsync(conversation, "1700000000000", Activity.CreateCardMessage(card), CancellationToken.None);

        var request = Assert.Single(factory.Connector.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal($"{ActivitiesUrl}/1700000000000", request.Uri.AbsoluteUri);
        Assert.Equal("1700000000000", request.Json.GetProperty("id").GetString());
        var attachment = request.Json.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal("AdaptiveCard", attachment.GetProperty("content").GetProperty("type").GetString());
        Assert.Equal("1", response.Id);
    }

    [Fact]
    public async Task Delete_SentActivity_SendsDeleteWithToken()
    {
        factory.Connector.Responder = _ => new HttpResponseMessage(HttpStatusCode.OK);

        await connector.DeleteAsync(conversation, "1700000000000", CancellationToken.None);

        var request = Assert.Single(factory.Connector.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal($"{ActivitiesUrl}/1700000000000", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer connector-token-1", request.Authorization);
    }

    [Fact]
    public async Task CreateConversation_PersonalChatInTeams_SendsDocumentedParameters()
    {
        factory.Connector.Responder = _ => RecordingHandler.Json(HttpStatusCode.Created, new { id = "a:new-chat", activityId = "1", serviceUrl = ChannelKeys.ServiceUrl });
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = TestActivities.BotId },
            Members = [new ChannelAccount { Id = TestActivities.UserId }],
            TenantId = TestActivities.TenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = TestActivities.TenantId } },
        };

        var created = await connector.CreateConversationAsync(ChannelKeys.ServiceUrl, parameters, CancellationToken.None);

        var request = Assert.Single(factory.Connector.Requests);
        Assert.Equal($"{ChannelKeys.ServiceUrl}v3/conversations", request.Uri.AbsoluteUri);
        var expected = JsonSerializer.Serialize(new
        {
            isGroup = false,
            bot = new { id = TestActivities.BotId },
            members = new[] { new { id = TestActivities.UserId } },
            tenantId = TestActivities.TenantId,
            channelData = new { tenant = new { id = TestActivities.TenantId } },
        });
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, request.Json), request.Body);
        Assert.Equal("a:new-chat", created.Id);
    }

    [Fact]
    public async Task CreateConversation_ThreadInChannel_NamesChannelAndFirstActivity()
    {
        factory.Connector.Responder = _ => RecordingHandler.Json(HttpStatusCode.Created, new { id = "19:c@thread.tacv2;messageid=9", activityId = "9" });
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = "19:c@thread.tacv2" } },
            Activity = Activity.CreateMessage("Major incident INC-1042 opened"),
        };

        var created = await connector.CreateConversationAsync(ChannelKeys.ServiceUrl, parameters, CancellationToken.None);

        var body = Assert.Single(factory.Connector.Requests).Json;
        Assert.True(body.GetProperty("isGroup").GetBoolean());
        Assert.Equal("19:c@thread.tacv2", body.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("Major incident INC-1042 opened", body.GetProperty("activity").GetProperty("text").GetString());
        Assert.Equal("9", created.ActivityId);
    }

    [Fact]
    public async Task Send_UntrustedServiceUrl_RefusedWithoutSendingToken()
    {
        var elsewhere = conversation with { ServiceUrl = "https://collector.example/teams/" };

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() => connector.SendAsync(elsewhere, Activity.CreateMessage("x"), CancellationToken.None));

        Assert.Empty(factory.Connector.Requests);
        Assert.Empty(factory.Entra.Requests);
    }

    public void Dispose() => factory.Dispose();
}
