using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace ItsmChatOps.Bot.Tests.Protocol;

public sealed class BotOptionsTests
{
    private const string Tenant = "0e4f2a9c-3b1d-4c5e-8f7a-6b5c4d3e2f10";

    public static TheoryData<string, BotOptions, bool> Cases() => new()
    {
        { "production without identity", new BotOptions(), false },
        { "single tenant with secret", new BotOptions { AppId = "a", TenantId = Tenant, ClientSecret = "s" }, true },
        { "single tenant with certificate file", new BotOptions { AppId = "a", TenantId = Tenant, CertificatePath = "bot.pfx" }, true },
        { "single tenant with thumbprint", new BotOptions { AppId = "a", TenantId = Tenant, CertificateThumbprint = "AB12" }, true },
        { "single tenant without credential", new BotOptions { AppId = "a", TenantId = Tenant }, false },
        { "single tenant with secret and certificate", new BotOptions { AppId = "a", TenantId = Tenant, ClientSecret = "s", CertificatePath = "bot.pfx" }, false },
        { "single tenant without tenant", new BotOptions { AppId = "a", ClientSecret = "s" }, false },
        { "managed identity", new BotOptions { AppId = "a", TenantId = Tenant, AppType = BotAppType.UserAssignedMSI }, true },
        { "managed identity with secret", new BotOptions { AppId = "a", TenantId = Tenant, AppType = BotAppType.UserAssignedMSI, ClientSecret = "s" }, false },
        { "plain http service url trusted", new BotOptions { AppId = "a", TenantId = Tenant, ClientSecret = "s", TrustedServiceUrls = ["http://smba.example/"] }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_InProduction_RequiresCompleteIdentity(string name, BotOptions options, bool valid)
    {
        var result = new BotOptionsValidator(Environment(Environments.Production)).Validate(null, options);

        Assert.True(valid == result.Succeeded, $"{name}: {result.FailureMessage}");
    }

    [Fact]
    public void Validate_InDevelopmentWithoutIdentity_Allowed()
    {
        var result = new BotOptionsValidator(Environment(Environments.Development)).Validate(null, new BotOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void CreateCredential_ForEachAppType_MatchingAzureIdentityCredential()
    {
        using var http = new SingleClientFactory();
        var path = Path.Combine(Path.GetTempPath(), $"bot-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=itsmchatops-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pw"));
        }

        try
        {
            Assert.IsType<ClientSecretCredential>(BotCredentialFactory.Create(new BotOptions { AppId = "a", TenantId = Tenant, ClientSecret = "s" }, http));
            Assert.IsType<ClientCertificateCredential>(BotCredentialFactory.Create(new BotOptions { AppId = "a", TenantId = Tenant, CertificatePath = path, CertificatePassword = "pw" }, http));
            Assert.IsType<ManagedIdentityCredential>(BotCredentialFactory.Create(new BotOptions { AppId = "a", TenantId = Tenant, AppType = BotAppType.UserAssignedMSI }, http));
            Assert.Throws<InvalidOperationException>(() => BotCredentialFactory.Create(new BotOptions(), http));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    private sealed class SingleClientFactory : IHttpClientFactory, IDisposable
    {
        private readonly HttpClient client = new();

        public HttpClient CreateClient(string name) => client;

        public void Dispose() => client.Dispose();
    }
}
