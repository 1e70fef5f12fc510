using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ItsmChatOps.AppHost;

/// <summary>
/// The API on Cosmos DB for a local run: the wire-protocol server of <c>infra/cosmos-emulator</c> as an
/// executable resource (its npm packages installed first when missing or older than the lock file),
/// and the API pointed at it once it accepts connections.
/// </summary>
internal static class CosmosEmulator
{
    /// <summary>The AppHost setting that switches the API from the embedded store to Cosmos DB.</summary>
    public const string UseCosmosSetting = "UseCosmos";

    private const string EndpointName = "https";
    private const string ReadyCheck = "cosmos-accepts-connections";

    public static IResourceBuilder<ExecutableResource> AddCosmosEmulator(this IDistributedApplicationBuilder builder)
    {
        var folder = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "cosmos-emulator"));
        var emulator = builder.AddExecutable("cosmos", "node", folder, "cosmosdb-test-server.js", "--host", "127.0.0.1")
            .WithHttpsEndpoint(name: EndpointName, isProxied: false)
            .WithHealthCheck(ReadyCheck);
        var endpoint = emulator.GetEndpoint(EndpointName);
        emulator.WithArgs(context =>
        {
            context.Args.Add("-p");
            context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
        });
        builder.Services.AddHealthChecks().AddAsyncCheck(ReadyCheck, cancellationToken => AcceptsConnectionsAsync(endpoint, cancellationToken));

        if (!IsInstalled(folder))
        {
            var install = builder.AddExecutable("cosmos-npm-ci", "npm", folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
            emulator.WaitForCompletion(install);
        }

        return emulator;
    }

    public static IResourceBuilder<ProjectResource> WithCosmosStore(this IResourceBuilder<ProjectResource> api, IResourceBuilder<ExecutableResource> emulator)
    {
        var endpoint = emulator.GetEndpoint(EndpointName);
        var key = api.ApplicationBuilder.AddParameter("cosmos-key", LocalSecrets.NewKey(), secret: true);
        return api
            .WithEnvironment("Storage__Provider", "Cosmos")
            .WithEnvironment("Storage__Cosmos__Endpoint", ReferenceExpression.Create($"https://127.0.0.1:{endpoint.Property(EndpointProperty.Port)}/"))
            .WithEnvironment("Storage__Cosmos__Key", key)
            .WithEnvironment("Storage__Cosmos__CreateIfNotExists", "true")
            .WithEnvironment("Storage__Cosmos__AllowInsecureLoopbackCertificate", "true")
            .WaitFor(emulator);
    }

    /// <summary>Installed when the server package is there and npm's record of the install is newer than the lock file.</summary>
    private static bool IsInstalled(string folder)
    {
        var installed = new FileInfo(Path.Combine(folder, "node_modules", ".package-lock.json"));
        return File.Exists(Path.Combine(folder, "node_modules", "@vercel", "cosmosdb-server", "lib", "cli.js"))
            && installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json"));
    }

    private static async Task<HealthCheckResult> AcceptsConnectionsAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The Cosmos DB server has no port yet.");
        }

        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", endpoint.Port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy($"The Cosmos DB server does not accept connections on port {endpoint.Port} yet.", ex);
        }
    }
}
