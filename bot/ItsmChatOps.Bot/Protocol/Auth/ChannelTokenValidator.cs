using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Bot.Protocol.Auth;

/// <summary>
/// Authenticates a request of the Bot Framework channel service, following the published rules
/// (Bot Framework REST authentication, "Connector to bot"): the <c>Authorization</c> header is exactly
/// <c>Bearer &lt;jwt&gt;</c>; the token is signed with RS256/384/512 by a key of the channel's OpenID
/// metadata; <c>iss</c> is the channel issuer; <c>aud</c> is the bot's app id; it is within its lifetime
/// with 5 minutes of skew; the signing key endorses the activity's <c>channelId</c> (else 403); and the
/// <c>serviceurl</c> claim equals the activity's <c>serviceUrl</c>, ignoring case. There is no switch to
/// turn any of this off.
/// </summary>
internal sealed class ChannelTokenValidator(
    ChannelMetadata metadata,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<ChannelTokenValidator> logger)
{
    public const string ServiceUrlClaim = "serviceurl";
    private const string Scheme = "Bearer ";
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    /// <summary>Cheap checks on the header alone, done before the body is read.</summary>
    public static string? ExtractToken(string? authorizationHeader)
    {
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var token = authorizationHeader[Scheme.Length..];
        return token.Length == 0 || token.Contains(' ', StringComparison.Ordinal) ? null : token;
    }

    public async Task<ChannelAuthResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        var token = ExtractToken(authorizationHeader);
        if (token is null)
        {
            return ChannelAuthResult.Unauthorized("The Authorization header is missing or is not 'Bearer <token>'.");
        }

        var settings = options.Value;
        if (!settings.HasChannelIdentity)
        {
            return ChannelAuthResult.Unauthorized("The bot has no app id configured, so no channel token can be valid.");
        }

        if (!handler.CanReadToken(token))
        {
            return ChannelAuthResult.Unauthorized("The token is not a JWT.");
        }

        var unverified = handler.ReadJsonWebToken(token);
        OpenIdConnectConfiguration metadataNow;
        try
        {
            metadataNow = await metadata.GetForKeyAsync(unverified.Kid, cancellationToken);
        }
        catch (Exception unavailable) when (unavailable is InvalidOperationException or IOException)
        {
            // No keys, no verdict: a 503 lets the channel service try again later.
            logger.LogError(unavailable, "Channel OpenID metadata could not be fetched");
            return ChannelAuthResult.Unavailable("The channel's signing keys could not be fetched.");
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(settings, metadataNow));
        if (!result.IsValid)
        {
            logger.LogInformation(result.Exception, "Channel token refused");
            return ChannelAuthResult.Unauthorized($"Token refused: {result.Exception?.GetType().Name ?? "invalid"}.");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var endorsements = ChannelMetadata.Endorsements(metadataNow, jwt.Kid);
        if (endorsements is null)
        {
            return ChannelAuthResult.Unauthorized("The signing key carries no channel endorsements.");
        }

        if (!string.IsNullOrEmpty(activity.ChannelId) && !endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return ChannelAuthResult.Forbidden($"The signing key does not endorse channel '{activity.ChannelId}'.");
        }

        var serviceUrl = jwt.Claims.FirstOrDefault(c => c.Type == ServiceUrlClaim)?.Value;
        if (string.IsNullOrEmpty(serviceUrl) || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelAuthResult.Unauthorized("The serviceurl claim does not match the activity's serviceUrl.");
        }

        return ChannelAuthResult.Success(result.ClaimsIdentity);
    }

    private TokenValidationParameters Parameters(BotOptions settings, OpenIdConnectConfiguration metadataNow) => new()
    {
        IssuerSigningKeys = metadataNow.SigningKeys,
        ValidIssuer = settings.ChannelTokenIssuer,
        ValidAudience = settings.AppId,
        ValidAlgorithms = AllowedAlgorithms,
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        LifetimeValidator = TokenLifetime.Validator(time, ClockSkew),
        AuthenticationType = "BotFrameworkChannel",
        NameClaimType = ClaimTypes.Name,
    };
}
