using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace ItsmChatOps.Bot.Protocol.Connector;

/// <summary>Builds the Azure.Identity credential for the bot's app type; its HTTP goes through a named client.</summary>
internal static class BotCredentialFactory
{
    public const string HttpClientName = "Entra";

    public static TokenCredential Create(BotOptions options, IHttpClientFactory httpClients)
    {
        if (!options.HasChannelIdentity)
        {
            throw new InvalidOperationException("The bot has no identity (Bot:AppId is empty), so it cannot call the Bot Framework Connector.");
        }

        var transport = new HttpClientTransport(httpClients.CreateClient(HttpClientName));
        var authority = new Uri(options.AuthorityHost);
        return options.AppType switch
        {
            BotAppType.UserAssignedMSI => new ManagedIdentityCredential(
                new ManagedIdentityCredentialOptions(ManagedIdentityId.FromUserAssignedClientId(options.AppId!))
                {
                    Transport = transport,
                    AuthorityHost = authority,
                }),
            _ when !string.IsNullOrWhiteSpace(options.ClientSecret) => new ClientSecretCredential(
                options.TenantId, options.AppId, options.ClientSecret,
                new ClientSecretCredentialOptions { Transport = transport, AuthorityHost = authority }),
            _ => new ClientCertificateCredential(
                options.TenantId, options.AppId, LoadCertificate(options),
                new ClientCertificateCredentialOptions
                {
                    Transport = transport,
                    AuthorityHost = authority,
                    SendCertificateChain = options.SendCertificateChain,
                }),
        };
    }

    private static X509Certificate2 LoadCertificate(BotOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return options.CertificatePath.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(options.CertificatePath)
                : X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }

        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.CertificateThumbprint!, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        throw new InvalidOperationException($"No certificate with thumbprint {options.CertificateThumbprint} in the CurrentUser or LocalMachine 'My' store.");
    }
}
