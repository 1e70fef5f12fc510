using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Api.Storage.Cosmos;

/// <summary>
/// Creates the database and container before the app serves requests, when
/// <see cref="CosmosStoreOptions.CreateIfNotExists"/> asks for it (local emulators). Refused in Production,
/// where the infrastructure templates own the container and the app's identity has data-plane rights only.
/// </summary>
internal sealed class CosmosContainerInitializer(
    CosmosClient client, IOptions<CosmosStoreOptions> options, IEnumerable<IndexDefinition> indexes, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.CreateIfNotExists)
        {
            return;
        }

        if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Storage:Cosmos:CreateIfNotExists is not allowed in Production: the infrastructure templates create the container and its indexing policy.");
        }

        await CosmosConnection.EnsureContainerAsync(client, settings.DatabaseName, settings.ContainerName, indexes, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
