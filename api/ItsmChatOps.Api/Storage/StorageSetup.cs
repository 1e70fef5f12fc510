using ItsmChatOps.Api.Storage.Cosmos;
using ItsmChatOps.Api.Storage.Sqlite;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Api.Storage;

/// <summary>Registers the <see cref="IDocumentStore"/> chosen by <c>Storage:Provider</c> and its health check.</summary>
public static class StorageSetup
{
    public const string ProviderKey = "Storage:Provider";

    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration[ProviderKey] ?? "Sqlite";
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            AddSqlite(builder.Services);
        }
        else if (provider.Equals("Cosmos", StringComparison.OrdinalIgnoreCase))
        {
            AddCosmos(builder.Services);
        }
        else
        {
            throw new InvalidOperationException($"{ProviderKey} '{provider}' is not supported: use Sqlite (the default) or Cosmos.");
        }

        builder.Services.AddHealthChecks().AddCheck<DocumentStoreHealthCheck>("storage", tags: ["ready"]);
        return builder;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDocumentStore>(sp =>
        {
            var path = Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path);
            return new SqliteDocumentStore(path, [.. sp.GetServices<IndexDefinition>()]);
        });
    }

    private static void AddCosmos(IServiceCollection services)
    {
        services.AddOptions<CosmosStoreOptions>().BindConfiguration(CosmosStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => CosmosConnection.CreateClient(sp.GetRequiredService<IOptions<CosmosStoreOptions>>().Value));
        services.AddSingleton<IDocumentStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CosmosStoreOptions>>().Value;
            return new CosmosDocumentStore(sp.GetRequiredService<CosmosClient>().GetContainer(options.DatabaseName, options.ContainerName));
        });
        services.AddHostedService<CosmosContainerInitializer>();
    }
}

/// <summary>Ready when the store answers a point read (of a document that need not exist): about 1 RU on Cosmos DB.</summary>
internal sealed class DocumentStoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ReadAsync("system|health", "probe", cancellationToken);
            return HealthCheckResult.Healthy("The document store answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The document store did not answer a point read.", ex);
        }
    }
}
