using System.Net;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Answers what Azure.Identity asks of Entra ID (instance discovery, metadata, token) with fake tokens.</summary>
public static class EntraStub
{
    public const string AuthorityHost = "https://login.microsoftonline.test/";
    public const string TenantId = "0e4f2a9c-3b1d-4c5e-8f7a-6b5c4d3e2f10";
    public const string ClientSecret = "test-client-secret";

    public static HttpResponseMessage Respond(HttpRequestMessage request, ref int issued)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            var number = Interlocked.Increment(ref issued);
            return RecordingHandler.Json(HttpStatusCode.OK, new
            {
                token_type = "Bearer",
                expires_in = 3600,
                ext_expires_in = 3600,
                access_token = $"connector-token-{number}",
            });
        }

        if (path.EndsWith("/discovery/instance", StringComparison.Ordinal))
        {
            return RecordingHandler.Json(HttpStatusCode.OK, new Dictionary<string, object>
            {
                ["tenant_discovery_endpoint"] = $"{AuthorityHost}{TenantId}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new[]
                {
                    new { preferred_network = "login.microsoftonline.test", preferred_cache = "login.microsoftonline.test", aliases = new[] { "login.microsoftonline.test" } },
                },
            });
        }

        if (path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            return RecordingHandler.Json(HttpStatusCode.OK, new
            {
                token_endpoint = $"{AuthorityHost}{TenantId}/oauth2/v2.0/token",
                authorization_endpoint = $"{AuthorityHost}{TenantId}/oauth2/v2.0/authorize",
                issuer = $"{AuthorityHost}{TenantId}/v2.0",
            });
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
