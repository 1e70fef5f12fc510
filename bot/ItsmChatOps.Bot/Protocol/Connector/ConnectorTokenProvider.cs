using Azure.Core;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Protocol.Connector;

/// <summary>The bot's Connector access token (scope <see cref="BotOptions.ConnectorScope"/>), cached until shortly before it expires.</summary>
internal sealed class ConnectorTokenProvider(Lazy<TokenCredential> credential, IOptions<BotOptions> options, TimeProvider time) : IDisposable
{
    private readonly AccessTokenCache cache = new(credential, options.Value.ConnectorScope, time);

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => cache.GetTokenAsync(cancellationToken);

    public void Dispose() => cache.Dispose();
}
