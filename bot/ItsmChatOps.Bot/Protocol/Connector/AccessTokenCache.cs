using Azure.Core;

namespace ItsmChatOps.Bot.Protocol.Connector;

/// <summary>
/// An Entra access token for one scope, asked of the credential once and reused until five minutes
/// before it expires (or earlier when Entra says to refresh). One caller refreshes; the others wait for it.
/// </summary>
public sealed class AccessTokenCache(Lazy<TokenCredential> credential, string scope, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessToken? cached;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var acquired = await credential.Value.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken);
            cached = acquired;
            return acquired.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    private string? Fresh()
    {
        if (cached is not { } token)
        {
            return null;
        }

        var renewAt = token.ExpiresOn - RefreshMargin;
        if (token.RefreshOn is { } refreshOn && refreshOn < renewAt)
        {
            renewAt = refreshOn;
        }

        return time.GetUtcNow() < renewAt ? token.Token : null;
    }

    public void Dispose() => gate.Dispose();
}
