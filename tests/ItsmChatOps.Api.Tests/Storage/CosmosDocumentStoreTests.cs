using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Tests.Storage;

[Trait("Category", "StorageContract")]
public sealed class CosmosDocumentStoreTests(CosmosServerFixture server) : DocumentStoreContract, IClassFixture<CosmosServerFixture>
{
    protected override async Task<IDocumentStore> CreateStoreAsync() => new CosmosDocumentStore(await server.ContainerAsync(Indexes));

    [Fact]
    public async Task Query_OrderWithoutCompositeIndex_FailsWithTheServersReason()
    {
        var pk = NewPartition();
        await Store.CreateAsync(pk, "INC-1", new JsonObject { ["state"] = "new", ["title"] = "Mail" });

        var error = await Assert.ThrowsAsync<CosmosException>(
            () => Store.QueryAsync(pk, new DocumentQuery { OrderBy = [new SortKey("state"), new SortKey("title")] }));

        Assert.Contains("composite index", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChangeFeed_ContinuationOfAnotherPartition_ThrowsInvalidContinuation()
    {
        var (mine, theirs) = (NewPartition(), NewPartition());
        await Store.CreateAsync(theirs, "INC-1", new JsonObject());
        var theirPage = await Store.ReadChangeFeedAsync(theirs, null, 10);

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.ReadChangeFeedAsync(mine, theirPage.Continuation, 10));

        Assert.Equal(StoreError.InvalidContinuation, error.Error);
    }
}
