using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Protocol.Connector;

/// <summary>
/// Decides where the bot's Connector token may go: only to https service URLs that arrived on an
/// authenticated channel request, or that are configured in <see cref="BotOptions.TrustedServiceUrls"/>.
/// A stored conversation reference pointing elsewhere never receives the token.
/// </summary>
internal sealed class ServiceUrlTrust(IOptions<BotOptions> options)
{
    private readonly ConcurrentDictionary<string, bool> seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers the service URL of an activity whose channel token was valid.</summary>
    public void TrustAuthenticated(string? serviceUrl)
    {
        if (Normalize(serviceUrl) is { } url)
        {
            seen.TryAdd(url, true);
        }
    }

    public bool IsTrusted(string? serviceUrl)
    {
        if (Normalize(serviceUrl) is not { } url)
        {
            return false;
        }

        return seen.ContainsKey(url)
            || options.Value.TrustedServiceUrls.Any(prefix => url.StartsWith(Normalize(prefix) ?? "\0", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The service URL as an absolute https base ending in '/', or null when it is not one.</summary>
    public static string? Normalize(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        var text = uri.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text : text + "/";
    }
}
