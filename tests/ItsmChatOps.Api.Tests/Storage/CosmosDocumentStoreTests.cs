using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Cosmos;

namespace ItsmChatOps.Api.Tests.Storage;

[Trait("Category", "StorageContract")]
public sealed class CosmosDocumentStoreTests(CosmosServerFixture server) : DocumentStoreContract, IClassFixture<CosmosServerFixture>
{
    protected override async Task<IDocumentStore> CreateStoreAsync() => new CosmosDocumentStore(await server.ContainerAsync(Indexes));
}
