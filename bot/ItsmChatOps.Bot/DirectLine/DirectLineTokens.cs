using System.Security.Cryptography;
using ItsmChatOps.Bot.Protocol.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Bot.DirectLine;

/// <summary>The conversation and user a local Direct Line token was issued for.</summary>
internal sealed record DirectLineGrant(string ConversationId, string UserId, string? UserName);

/// <summary>
/// Tokens of the local Direct Line channel: HMAC-signed JWTs bound to one conversation and one user,
/// valid for 30 minutes (Web Chat refreshes them every 15). The key is random per process, so a
/// restart invalidates every token, and a forged or expired token is refused.
/// </summary>
internal sealed class DirectLineTokens(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private const string Issuer = "itsmchatops-local-directline";
    private const string ConversationClaim = "conv";
    private const string Scheme = "Bearer ";

    private readonly SymmetricSecurityKey key = new(RandomNumberGenerator.GetBytes(32));
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };

    public string Issue(DirectLineGrant grant)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [ConversationClaim] = grant.ConversationId, [JwtRegisteredClaimNames.Sub] = grant.UserId };
        if (grant.UserName is { } name)
        {
            claims[JwtRegisteredClaimNames.Name] = name;
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The grant of a valid <c>Bearer</c> token, or null when it is missing, forged or expired.</summary>
    public async Task<DirectLineGrant?> ValidateAsync(string? authorizationHeader)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(authorizationHeader[Scheme.Length..], new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
            RequireExpirationTime = true,
            LifetimeValidator = TokenLifetime.Validator(time, TimeSpan.Zero),
        });
        if (!result.IsValid)
        {
            return null;
        }

        var claims = result.Claims;
        return claims.TryGetValue(ConversationClaim, out var conversation) && conversation is string conversationId
            && claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var subject) && subject is string userId
            ? new DirectLineGrant(conversationId, userId, claims.TryGetValue(JwtRegisteredClaimNames.Name, out var name) ? name as string : null)
            : null;
    }
}
