using System.Text.Json;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.DirectLine;

/// <summary>The local Direct Line endpoint driven by Microsoft's own client, botframework-directlinejs 0.15.8.</summary>
public sealed class DirectLineJsClientTests : IDisposable
{
    private readonly BotFactory factory = new();

    [Fact]
    public async Task DirectLineJs_PostsHelp_ReceivesEchoAndAnswer()
    {
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var output = await NodeProcess.RunAsync("oracle/directline-client.mjs", string.Empty, TimeSpan.FromSeconds(60), baseUrl, "carol@contoso.test");

        var result = JsonDocument.Parse(output).RootElement;
        var posted = result.GetProperty("posted").GetString();
        var activities = result.GetProperty("activities").EnumerateArray().ToList();
        Assert.Contains(activities, a => a.GetProperty("id").GetString() == posted && a.GetProperty("from").GetString() == "carol@contoso.test");
        var answer = Assert.Single(activities, a => a.GetProperty("text").GetString()?.StartsWith("Here is what I can do", StringComparison.Ordinal) == true);
        Assert.Equal(posted, answer.GetProperty("replyToId").GetString());
    }

    public void Dispose() => factory.Dispose();
}
