using System.Net;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.DirectLine;

public sealed class LocalChatEnvironmentTests
{
    [Theory]
    [InlineData("GET", "/chat")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/chat.js")]
    [InlineData("GET", "/lib/webchat.js")]
    [InlineData("POST", "/v3/directline/tokens/generate")]
    [InlineData("POST", "/v3/directline/conversations")]
    [InlineData("POST", "/v3/directline/tokens/refresh")]
    public async Task LocalChat_InProduction_DoesNotExist(string method, string path)
    {
        using var factory = new BotFactory { EnvironmentName = "Production" };
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ChatPage_InDevelopment_ServesWebChat()
    {
        using var factory = new BotFactory();
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/chat");
        using var bundle = await client.GetAsync("/lib/webchat.js");

        Assert.Contains("lib/webchat.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }
}
