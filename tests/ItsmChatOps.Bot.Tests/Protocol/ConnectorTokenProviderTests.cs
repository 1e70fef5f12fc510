using Azure.Core;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ItsmChatOps.Bot.Tests.Protocol;

public sealed class ConnectorTokenProviderTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingCredential credential;
    private readonly ConnectorTokenProvider provider;

    public ConnectorTokenProviderTests()
    {
        credential = new CountingCredential(time);
        provider = new ConnectorTokenProvider(new Lazy<TokenCredential>(credential), Options.Create(new BotOptions()), time);
    }

    [Fact]
    public async Task GetToken_WithinLifetime_ReusesCachedToken()
    {
        var first = await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(54));
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, credential.Calls);
        Assert.Equal("https://api.botframework.com/.default", Assert.Single(credential.Scopes));
    }

    [Fact]
    public async Task GetToken_FiveMinutesBeforeExpiry_AsksForANewOne()
    {
        var first = await provider.GetTokenAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(56));
        var second = await provider.GetTokenAsync(CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(2, credential.Calls);
    }

    [Fact]
    public async Task GetToken_ManyCallersAtOnce_OneRequest()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetTokenAsync(CancellationToken.None).AsTask()));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, credential.Calls);
    }

    public void Dispose() => provider.Dispose();

    /// <summary>An Entra stand-in that hands out one-hour tokens on the test clock.</summary>
    private sealed class CountingCredential(TimeProvider time) : TokenCredential
    {
        private int calls;

        public int Calls => calls;

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The bot asks for tokens asynchronously.");

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var number = Interlocked.Increment(ref calls);
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken($"token-{number}", time.GetUtcNow().AddHours(1));
        }
    }
}
