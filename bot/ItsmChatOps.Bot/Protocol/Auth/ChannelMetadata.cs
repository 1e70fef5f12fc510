using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ItsmChatOps.Bot.Protocol.Auth;

/// <summary>
/// The Bot Framework channel service's OpenID metadata and signing keys. A
/// <see cref="ConfigurationManager{T}"/> caches them and refreshes them every 12 hours. When a token
/// names a key the cache does not hold (the service rotated its keys), the keys are fetched at once,
/// at most every 5 minutes, so the request is judged against the new set rather than refused.
/// Channel endorsements are the non-standard <c>endorsements</c> member of each JWKS key, which the key
/// set keeps in <c>AdditionalData</c>, so keys and endorsements always come from the same document.
/// </summary>
internal sealed class ChannelMetadata : IDisposable
{
    public const string HttpClientName = "BotFramework.OpenId";
    private static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly string metadataUrl;
    private readonly HttpDocumentRetriever retriever;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> manager;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private OpenIdConnectConfiguration? fetchedForUnknownKey;
    private DateTimeOffset lastUnknownKeyFetch = DateTimeOffset.MinValue;

    public ChannelMetadata(IHttpClientFactory httpClients, IOptions<BotOptions> options, TimeProvider time)
    {
        this.time = time;
        metadataUrl = options.Value.OpenIdMetadataUrl;
        retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = true };
        manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
        };
    }

    /// <summary>The metadata whose key set holds <paramref name="keyId"/> if the service publishes it.</summary>
    public async Task<OpenIdConnectConfiguration> GetForKeyAsync(string? keyId, CancellationToken cancellationToken)
    {
        var cached = await manager.GetConfigurationAsync(cancellationToken);
        if (keyId is null || HasKey(cached, keyId))
        {
            return cached;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (fetchedForUnknownKey is { } fetched && HasKey(fetched, keyId))
            {
                return fetched;
            }

            if (time.GetUtcNow() - lastUnknownKeyFetch < UnknownKeyRefreshInterval)
            {
                return cached;
            }

            lastUnknownKeyFetch = time.GetUtcNow();
            // Kept beside the manager's copy until its next scheduled refresh picks the new keys up.
            fetchedForUnknownKey = await OpenIdConnectConfigurationRetriever.GetAsync(metadataUrl, retriever, cancellationToken);
            return fetchedForUnknownKey;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The channels key <paramref name="keyId"/> endorses, or null when it carries no endorsements.</summary>
    public static IReadOnlyList<string>? Endorsements(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw))
        {
            return null;
        }

        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(e => e.GetString() ?? string.Empty)],
            IEnumerable<object> items => [.. items.Select(i => i?.ToString() ?? string.Empty)],
            _ => null,
        };
    }

    private static bool HasKey(OpenIdConnectConfiguration configuration, string keyId) =>
        configuration.JsonWebKeySet?.Keys.Any(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal)) == true;

    public void Dispose() => gate.Dispose();
}
