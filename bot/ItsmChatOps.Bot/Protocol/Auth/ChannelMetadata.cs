using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ItsmChatOps.Bot.Protocol.Auth;

/// <summary>
/// The Bot Framework channel service's OpenID metadata and signing keys, cached and refreshed by one
/// <see cref="ConfigurationManager{T}"/> (every 12 h, and on demand when a token names an unknown key,
/// at most every 5 min). Channel endorsements are the non-standard <c>endorsements</c> member of each
/// JWKS key, which the key set keeps in <c>AdditionalData</c>, so keys and endorsements refresh together.
/// </summary>
internal sealed class ChannelMetadata
{
    public const string HttpClientName = "BotFramework.OpenId";

    public ChannelMetadata(IHttpClientFactory httpClients, IOptions<BotOptions> options)
    {
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName)) { RequireHttps = true };
        Manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            options.Value.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
    }

    public ConfigurationManager<OpenIdConnectConfiguration> Manager { get; }

    /// <summary>The channels endorsed for key <paramref name="keyId"/>, or null when the key carries no endorsements.</summary>
    public async Task<IReadOnlyList<string>?> GetEndorsementsAsync(string? keyId, CancellationToken cancellationToken)
    {
        var configuration = await Manager.GetConfigurationAsync(cancellationToken);
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
}
