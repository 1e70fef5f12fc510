using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Storage.Cosmos;

/// <summary>Builds the Cosmos DB client and, where allowed, the database and container.</summary>
public static class CosmosConnection
{
    public const string PartitionKeyPath = "/pk";

    public static CosmosClient CreateClient(CosmosStoreOptions options)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Storage:Cosmos:Endpoint is not configured.");
        var clientOptions = new CosmosClientOptions { ApplicationName = "ItsmChatOps" };
        if (options.AllowInsecureLoopbackCertificate && endpoint.IsLoopback)
        {
            // Local emulators serve a self-signed (sometimes expired) certificate; never honoured for a remote host.
            clientOptions.ServerCertificateCustomValidationCallback = (_, _, _) => true;
        }

        if (string.IsNullOrEmpty(options.Key))
        {
            return new CosmosClient(endpoint.ToString(), new DefaultAzureCredential(), clientOptions);
        }

        // Emulators answer on one address only and speak the gateway protocol.
        clientOptions.ConnectionMode = ConnectionMode.Gateway;
        clientOptions.LimitToEndpoint = true;
        return new CosmosClient(endpoint.ToString(), options.Key, clientOptions);
    }

    /// <summary>Creates the database and the container (partitioned on <c>/pk</c>, with the indexing policy) when missing.</summary>
    public static async Task<Container> EnsureContainerAsync(
        CosmosClient client, string databaseName, string containerName, IEnumerable<IndexDefinition> indexes, CancellationToken cancellationToken = default)
    {
        Database database = await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken);
        var properties = new ContainerProperties(containerName, PartitionKeyPath) { IndexingPolicy = CosmosIndexingPolicy.Build(indexes) };
        return await database.CreateContainerIfNotExistsAsync(properties, cancellationToken: cancellationToken);
    }
}
