using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Bot.Tests.Protocol;

/// <summary>One way a channel request can be built, and what the published rules say must happen to it.</summary>
/// <param name="JavaScriptDiffers">
/// botbuilder-js compares the serviceurl claim case-sensitively, botbuilder-dotnet (and the published
/// rule this bot follows) ignores case: the one known disagreement between the two official SDKs.
/// </param>
public sealed record ChannelTokenCase(
    string Name, TokenSpec? Spec, int Expected, string ChannelId = "msteams", string ServiceUrl = ChannelKeys.ServiceUrl,
    string Scheme = "Bearer", bool Unsigned = false, bool JavaScriptDiffers = false)
{
    public override string ToString() => Name;

    /// <summary>The token this case sends (null: no Authorization header), minted on the factory's clock.</summary>
    public string? Token(BotFactory factory) => this switch
    {
        { Unsigned: true } => ChannelKeys.Unsigned(factory.Time.GetUtcNow()),
        { Spec: { } spec } => factory.Mint(spec),
        { Scheme: GarbageScheme } => "not-a-jwt",
        _ => null,
    };

    public string HeaderScheme => Scheme == GarbageScheme ? "Bearer" : Scheme;

    /// <summary>An Execute invoke for "help" from this case's channel and service URL.</summary>
    public ItsmChatOps.Bot.Protocol.Activity Activity() => TestActivities.With(TestActivities.Execute("help", new { }), a =>
    {
        a.ChannelId = ChannelId;
        a.ServiceUrl = ServiceUrl;
    });

    public const string GarbageScheme = "Bearer garbage";
}

public static class ChannelTokenCases
{
    public static readonly ChannelTokenCase[] All =
    [
        new("valid", new TokenSpec(), 200),
        new("valid RS384", new TokenSpec { Algorithm = SecurityAlgorithms.RsaSha384 }, 200),
        new("valid RS512", new TokenSpec { Algorithm = SecurityAlgorithms.RsaSha512 }, 200),
        new("webchat endorsed", new TokenSpec(), 200, ChannelId: "webchat"),
        new("expired 4 min ago, inside skew", new TokenSpec { NotBefore = TimeSpan.FromHours(-1), Expires = TimeSpan.FromMinutes(-4) }, 200),
        new("serviceUrl differs in case only", new TokenSpec { ServiceUrl = ChannelKeys.ServiceUrl.ToUpperInvariant().Replace("HTTPS", "https", StringComparison.Ordinal) }, 200, JavaScriptDiffers: true),
        new("missing header", null, 401),
        new("lower-case scheme", new TokenSpec(), 401, Scheme: "bearer"),
        new("basic scheme", new TokenSpec(), 401, Scheme: "Basic"),
        new("garbage token", null, 401, Scheme: ChannelTokenCase.GarbageScheme),
        new("unsigned", null, 401, Unsigned: true),
        new("forged signature", new TokenSpec { Key = SigningKey.Forger }, 401),
        new("HMAC signed", new TokenSpec { Key = SigningKey.Hmac }, 401),
        new("PS256 signed", new TokenSpec { Algorithm = SecurityAlgorithms.RsaSsaPssSha256 }, 401),
        new("expired beyond skew", new TokenSpec { NotBefore = TimeSpan.FromHours(-2), Expires = TimeSpan.FromMinutes(-10) }, 401),
        new("not yet valid", new TokenSpec { NotBefore = TimeSpan.FromMinutes(10), Expires = TimeSpan.FromMinutes(70) }, 401),
        new("wrong audience", new TokenSpec { Audience = "00000000-0000-0000-0000-000000000001" }, 401),
        new("wrong issuer", new TokenSpec { Issuer = "https://api.botframework.example" }, 401),
        new("no serviceurl claim", new TokenSpec { ServiceUrl = null }, 401),
        new("serviceUrl mismatch", new TokenSpec(), 401, ServiceUrl: "https://smba.evil.example/teams/"),
        new("channel not endorsed", new TokenSpec(), 403, ChannelId: "slack"),
    ];

    public static TheoryData<ChannelTokenCase> Data() => [.. All];
}
