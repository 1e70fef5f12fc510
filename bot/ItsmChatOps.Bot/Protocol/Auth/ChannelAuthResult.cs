using System.Security.Claims;

namespace ItsmChatOps.Bot.Protocol.Auth;

/// <summary>Outcome of checking a channel request: authenticated, or refused with 401/403 (or 503 when the keys cannot be fetched) and a reason for the log.</summary>
public sealed record ChannelAuthResult(int StatusCode, ClaimsIdentity? Identity, string? Reason)
{
    public bool Succeeded => Identity is not null;

    public static ChannelAuthResult Success(ClaimsIdentity identity) => new(StatusCodes.Status200OK, identity, null);

    public static ChannelAuthResult Unauthorized(string reason) => new(StatusCodes.Status401Unauthorized, null, reason);

    public static ChannelAuthResult Forbidden(string reason) => new(StatusCodes.Status403Forbidden, null, reason);

    public static ChannelAuthResult Unavailable(string reason) => new(StatusCodes.Status503ServiceUnavailable, null, reason);
}
