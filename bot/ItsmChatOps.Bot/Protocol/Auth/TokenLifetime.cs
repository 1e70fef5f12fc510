using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Bot.Protocol.Auth;

/// <summary>Token lifetime checked against the app's <see cref="TimeProvider"/>, so tests can move the clock.</summary>
internal static class TokenLifetime
{
    public static LifetimeValidator Validator(TimeProvider time, TimeSpan skew) => (notBefore, expires, _, _) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + skew
            && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - skew);
    };
}
