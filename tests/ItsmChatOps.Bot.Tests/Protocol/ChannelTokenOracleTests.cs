using System.Text.Json;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Protocol;

/// <summary>
/// The same tokens, signed by the same keys, judged by this bot and by Microsoft's botframework-connector
/// 4.23.3 (Node): both must accept or refuse each one. The library answers 401 where the bot answers 403
/// for an unendorsed channel, so verdicts are compared, not status codes. The one case where the
/// JavaScript SDK differs from the .NET SDK (serviceurl case) must still differ, so a change is noticed.
/// </summary>
public sealed class ChannelTokenOracleTests : IClassFixture<BotFactory>
{
    private readonly BotFactory factory;

    public ChannelTokenOracleTests(BotFactory factory) => this.factory = factory;

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task ValidateChannelTokens_SameTokensAsBotFrameworkConnector_SameVerdicts()
    {
        await using var server = await MetadataServer.StartAsync(factory.Keys);
        using var client = factory.CreateClient();
        var cases = new List<object>();
        var ours = new Dictionary<string, bool>();
        foreach (var testCase in ChannelTokenCases.All)
        {
            var token = testCase.Token(factory);
            using var response = await TestActivities.PostAsync(client, testCase.Activity(), token, testCase.HeaderScheme);
            ours[testCase.Name] = response.IsSuccessStatusCode;
            cases.Add(new
            {
                name = testCase.Name,
                authorization = token is null ? null : $"{testCase.HeaderScheme} {token}",
                activity = new { channelId = testCase.ChannelId, serviceUrl = testCase.ServiceUrl },
            });
        }

        var input = JsonSerializer.Serialize(new { metadataUrl = server.MetadataUrl, appId = ChannelKeys.AppId, cases });
        var output = await NodeProcess.RunAsync("oracle/channel-token-oracle.mjs", input, TimeSpan.FromSeconds(60));
        var verdicts = JsonSerializer.Deserialize<List<OracleVerdict>>(output, JsonSerializerOptions.Web)!;

        Assert.Equal(ChannelTokenCases.All.Length, verdicts.Count);
        Assert.Contains(verdicts, v => v.Status == 200);
        Assert.Contains(verdicts, v => v.Status != 200);
        var differs = ChannelTokenCases.All.Where(c => c.JavaScriptDiffers).Select(c => c.Name).ToHashSet();
        Assert.All(verdicts, v => Assert.True(ours[v.Name] == (v.Status == 200) != differs.Contains(v.Name),
            $"{v.Name}: bot {(ours[v.Name] ? "accepted" : "refused")}, botframework-connector answered {v.Status} {v.Message}"));
    }

    private sealed record OracleVerdict(string Name, int Status, string Message);
}
