using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Which key signs a test token.</summary>
public enum SigningKey
{
    /// <summary>Published in the JWKS, endorsing msteams and webchat.</summary>
    Channel,

    /// <summary>Published in the JWKS without an endorsements member.</summary>
    Unendorsed,

    /// <summary>Not published, but claiming the channel key's kid.</summary>
    Forger,

    /// <summary>HMAC with a secret, claiming the channel key's kid (an algorithm the channel never uses).</summary>
    Hmac,

    /// <summary>A new channel key, published only after <see cref="ChannelKeys.Rotate"/>.</summary>
    Rotated,

    /// <summary>Not published, under a kid the channel never used.</summary>
    Unknown,
}

/// <summary>What a minted channel token says; defaults describe a valid Teams token.</summary>
public sealed record TokenSpec
{
    public string Issuer { get; init; } = ChannelKeys.Issuer;
    public string Audience { get; init; } = ChannelKeys.AppId;
    public string? ServiceUrl { get; init; } = ChannelKeys.ServiceUrl;
    public SigningKey Key { get; init; } = SigningKey.Channel;
    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
    public TimeSpan NotBefore { get; init; } = TimeSpan.FromMinutes(-5);
    public TimeSpan Expires { get; init; } = TimeSpan.FromMinutes(55);
}

/// <summary>
/// A stand-in for the Bot Framework channel service's signing keys: an OpenID metadata document and a
/// JWKS (with <c>endorsements</c>) served at the HTTP boundary, and tokens minted with those keys.
/// </summary>
public sealed class ChannelKeys : IDisposable
{
    public const string MetadataUrl = "https://login.botframework.test/v1/.well-known/openidconfiguration";
    public const string JwksUrl = "https://login.botframework.test/v1/.well-known/keys";
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b";
    public const string ServiceUrl = "https://smba.trafficmanager.net/teams/";
    public const string ChannelKid = "channel-key-1";
    public const string UnendorsedKid = "bare-key-1";
    public const string RotatedKid = "channel-key-2";

    private readonly RSA channel = RSA.Create(2048);
    private readonly RSA unendorsed = RSA.Create(2048);
    private readonly RSA forger = RSA.Create(2048);
    private readonly RSA rotated = RSA.Create(2048);
    private volatile bool rotatedPublished;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string MetadataJson(string jwksUri) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = "https://invalid.botframework.test",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
    });

    public string JwksJson()
    {
        var keys = new List<object> { Jwk(channel, ChannelKid, ["msteams", "webchat", "emulator"]), Jwk(unendorsed, UnendorsedKid, null) };
        if (rotatedPublished)
        {
            keys.Add(Jwk(rotated, RotatedKid, ["msteams"]));
        }

        return JsonSerializer.Serialize(new { keys });
    }

    /// <summary>Publishes a new signing key, as the channel service does when it rotates keys.</summary>
    public void Rotate() => rotatedPublished = true;

    /// <summary>Answers the metadata and key requests of the app's OpenID client.</summary>
    public HttpResponseMessage Respond(HttpRequestMessage request) => request.RequestUri!.AbsoluteUri switch
    {
        MetadataUrl => Text(MetadataJson(JwksUrl)),
        JwksUrl => Text(JwksJson()),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };

    public string Mint(TokenSpec spec, DateTimeOffset now)
    {
        var claims = new Dictionary<string, object>();
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = (now + spec.NotBefore).UtcDateTime,
            NotBefore = (now + spec.NotBefore).UtcDateTime,
            Expires = (now + spec.Expires).UtcDateTime,
            Claims = claims,
            SigningCredentials = Credentials(spec),
        });
    }

    /// <summary>A token with <c>alg: none</c> and no signature, otherwise valid.</summary>
    public static string Unsigned(DateTimeOffset now)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        return Part(new { alg = "none", typ = "JWT", kid = ChannelKid }) + "." + Part(new
        {
            iss = Issuer,
            aud = AppId,
            serviceurl = ServiceUrl,
            nbf = now.AddMinutes(-5).ToUnixTimeSeconds(),
            exp = now.AddMinutes(55).ToUnixTimeSeconds(),
        }) + ".";
    }

    private SigningCredentials Credentials(TokenSpec spec) => spec.Key switch
    {
        SigningKey.Channel => new SigningCredentials(new RsaSecurityKey(channel) { KeyId = ChannelKid }, spec.Algorithm),
        SigningKey.Unendorsed => new SigningCredentials(new RsaSecurityKey(unendorsed) { KeyId = UnendorsedKid }, spec.Algorithm),
        SigningKey.Forger => new SigningCredentials(new RsaSecurityKey(forger) { KeyId = ChannelKid }, spec.Algorithm),
        SigningKey.Rotated => new SigningCredentials(new RsaSecurityKey(rotated) { KeyId = RotatedKid }, spec.Algorithm),
        SigningKey.Unknown => new SigningCredentials(new RsaSecurityKey(forger) { KeyId = "unknown-key" }, spec.Algorithm),
        _ => new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = ChannelKid }, SecurityAlgorithms.HmacSha256),
    };

    private static Dictionary<string, object> Jwk(RSA rsa, string kid, string[]? endorsements)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = endorsements;
        }

        return jwk;
    }

    private static HttpResponseMessage Text(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public void Dispose()
    {
        channel.Dispose();
        unendorsed.Dispose();
        forger.Dispose();
        rotated.Dispose();
    }
}
