using System.Security.Claims;
using Azure.Core;
using ItsmChatOps.Api.Client.Security;
using ItsmChatOps.Bot.Protocol.Connector;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Bot.ApiConnection;

/// <summary>Where the bot's bearer token for the API comes from: a development key locally, Entra ID in Azure.</summary>
public interface IApiTokenSource
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Development: a short-lived HS256 token the local API accepts (issuer, audience, <c>azp</c> and the
/// <c>Itsm.Bot</c> role of <see cref="DevelopmentAuth"/>), minted again a minute before it expires.
/// </summary>
internal sealed class DevelopmentApiTokenSource(IOptions<ApiOptions> options, TimeProvider time) : IApiTokenSource
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private Minted? cached;

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cached is { } current && now < current.RenewAt)
        {
            return ValueTask.FromResult(current.Token);
        }

        var key = options.Value.DevelopmentServiceKey
            ?? throw new InvalidOperationException($"{DevelopmentAuth.ServiceKeySetting} is not set, so the bot cannot sign in to the local API.");
        var token = DevelopmentTokens.Mint(key, [new Claim("azp", DevelopmentAuth.BotClientId), new Claim("roles", DevelopmentAuth.BotRole)], now, Lifetime);
        cached = new Minted(token, now + Lifetime - TimeSpan.FromMinutes(1));
        return ValueTask.FromResult(token);
    }

    // A reference, so concurrent callers read a whole token or none.
    private sealed record Minted(string Token, DateTimeOffset RenewAt);
}

/// <summary>Azure: the bot's own credential (its managed identity or app registration) for scope <see cref="ApiOptions.Scope"/>.</summary>
internal sealed class EntraApiTokenSource(Lazy<TokenCredential> credential, IOptions<ApiOptions> options, TimeProvider time) : IApiTokenSource, IDisposable
{
    private readonly AccessTokenCache cache = new(credential,
        options.Value.Scope ?? throw new InvalidOperationException("Api:Scope is not set, so the bot cannot ask Entra ID for a token to the API."), time);

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => cache.GetTokenAsync(cancellationToken);

    public void Dispose() => cache.Dispose();
}

/// <summary>Signs development tokens with the shared development key (the local bot, tests and tools).</summary>
public static class DevelopmentTokens
{
    public static string Mint(string base64Key, IEnumerable<Claim> claims, DateTimeOffset now, TimeSpan lifetime) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentAuth.Issuer,
            Audience = DevelopmentAuth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddMinutes(-1),
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(base64Key)), SecurityAlgorithms.HmacSha256),
        });
}

/// <summary>Puts the bot's bearer token on every call to the API.</summary>
internal sealed class ApiTokenHandler(IApiTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
