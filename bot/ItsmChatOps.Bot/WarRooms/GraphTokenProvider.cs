using Azure.Core;
using ItsmChatOps.Bot.Protocol.Connector;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>The bot identity's Microsoft Graph token (application permissions, admin-consented in the team's tenant), cached.</summary>
public sealed class GraphTokenProvider(Lazy<TokenCredential> credential, IOptions<WarRoomOptions> options, TimeProvider time) : IDisposable
{
    private readonly AccessTokenCache cache = new(credential, options.Value.GraphScope, time);

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => cache.GetTokenAsync(cancellationToken);

    public void Dispose() => cache.Dispose();
}
