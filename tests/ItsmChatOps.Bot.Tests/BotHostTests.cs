using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ItsmChatOps.Bot.Tests;

public sealed class BotHostTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Health_WhenStarted_ReturnsHealthy()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
