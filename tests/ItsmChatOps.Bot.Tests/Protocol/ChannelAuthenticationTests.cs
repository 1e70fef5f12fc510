using System.Net;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Protocol;

public sealed class ChannelAuthenticationTests : IClassFixture<BotFactory>
{
    private readonly BotFactory factory;

    public ChannelAuthenticationTests(BotFactory factory) => this.factory = factory;

    [Theory]
    [MemberData(nameof(ChannelTokenCases.Data), MemberType = typeof(ChannelTokenCases))]
    [Trait("Requirement", "SEC-02")]
    public async Task PostActivity_WithChannelToken_AcceptedOnlyWhenEveryRuleHolds(ChannelTokenCase testCase)
    {
        using var client = factory.CreateClient();

        using var response = await TestActivities.PostAsync(client, testCase.Activity(), testCase.Token(factory), testCase.HeaderScheme);

        Assert.Equal((HttpStatusCode)testCase.Expected, response.StatusCode);
        if (testCase.Expected == 200)
        {
            // An accepted invoke ran the turn: its answer is the body.
            Assert.Contains("Here is what I can do", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task PostActivity_SignedByKeyWithoutEndorsements_Unauthorized()
    {
        using var client = factory.CreateClient();

        using var response = await TestActivities.PostAsync(client, TestActivities.Execute("help", new { }), factory.Mint(new TokenSpec { Key = SigningKey.Unendorsed }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task PostActivity_RefusedRequest_RunsNoTurnAndSendsNothing()
    {
        using var client = factory.CreateClient();
        var before = factory.Connector.Requests.Count;

        using var response = await TestActivities.PostAsync(client, TestActivities.Execute("help", new { }), factory.Mint(new TokenSpec { Key = SigningKey.Forger }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
        Assert.Equal(before, factory.Connector.Requests.Count);
    }

    [Fact]
    public async Task Metadata_AfterManyRequests_FetchedOnceAndCached()
    {
        // A fresh host: other tests here refresh the keys on purpose (unknown signatures).
        using var fresh = new BotFactory();
        using var client = fresh.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var response = await TestActivities.PostAsync(client, TestActivities.Execute("help", new { }), fresh.Mint());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, fresh.OpenId.Requests.Count(r => r.Uri.AbsoluteUri == ChannelKeys.MetadataUrl));
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task PostActivity_SignedWithNewlyRotatedKey_KeysRefreshedAndAccepted()
    {
        using var fresh = new BotFactory();
        using var client = fresh.CreateClient();
        using var before = await TestActivities.PostAsync(client, TestActivities.Execute("help", new { }), fresh.Mint());
        fresh.Keys.Rotate();

        using var after = await TestActivities.PostAsync(client, TestActivities.Execute("help", new { }), fresh.Mint(new TokenSpec { Key = SigningKey.Rotated }));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, fresh.OpenId.Requests.Count(r => r.Uri.AbsoluteUri == ChannelKeys.JwksUrl));
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task PostActivity_UnknownKeysRepeatedly_KeysFetchedAtMostEveryFiveMinutes()
    {
        using var fresh = new BotFactory();
        using var client = fresh.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var refused = await TestActivities.PostAsync(client, TestActivities.Execute("help", new { }), fresh.Mint(new TokenSpec { Key = SigningKey.Unknown }));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var withinInterval = fresh.OpenId.Requests.Count(r => r.Uri.AbsoluteUri == ChannelKeys.JwksUrl);
        fresh.Time.Advance(TimeSpan.FromMinutes(6));
        using var later = await TestActivities.PostAsync(client, TestActivities.Execute("help", new { }), fresh.Mint(new TokenSpec { Key = SigningKey.Unknown }));

        Assert.Equal(2, withinInterval);
        Assert.Equal(3, fresh.OpenId.Requests.Count(r => r.Uri.AbsoluteUri == ChannelKeys.JwksUrl));
    }

    [Fact]
    public void Start_InProductionWithoutAppId_Refused()
    {
        using var production = new BotFactory { EnvironmentName = "Production" };
        production.Settings["Bot:AppId"] = string.Empty;

        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("Bot:AppId is required outside Development", failure.ToString(), StringComparison.Ordinal);
    }
}
