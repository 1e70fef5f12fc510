using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Tests.Storage;

/// <summary>
/// The embedded store keeps its connections and their compiled statements: reads on a kept connection still see every
/// commit, and the sequence number the writer counts in memory orders the change feed across restarts and refusals.
/// </summary>
[Trait("Category", "StorageContract")]
public sealed class SqliteConnectionsTests : IDisposable
{
    private const string Partition = "t1|ticket";
    private static readonly IndexDefinition ByValue = new("ticket-value", "ticket", [new SortKey("value")]);
    private readonly string _directory = Directory.CreateTempSubdirectory("itsm-connections-").FullName;

    private string Path => System.IO.Path.Combine(_directory, "itsm.db");

    [Fact]
    public async Task Reads_OnKeptConnections_SeeEachCommitAtOnce()
    {
        using var store = new SqliteDocumentStore(Path, [ByValue]);
        var etag = (await store.CreateAsync(Partition, "T-1", new JsonObject { ["value"] = 0 })).ETag;
        for (var value = 1; value <= 25; value++)
        {
            etag = (await store.ReplaceAsync(Partition, "T-1", new JsonObject { ["value"] = value }, etag)).ETag;

            Assert.Equal(value, (await store.ReadAsync(Partition, "T-1"))!.Body["value"]!.GetValue<int>());
            var found = await store.QueryAsync(Partition, new DocumentQuery { Where = [new Eq("value", JsonValue.Create(value))], PageSize = 5 });
            Assert.Equal("T-1", Assert.Single(found.Items).Id);
            Assert.Equal(1, await store.CountAsync(Partition, [new Eq("value", JsonValue.Create(value))]));
            Assert.Equal(0, await store.CountAsync(Partition, [new Eq("value", JsonValue.Create(value - 1))]));
        }
    }

    [Fact]
    public async Task Reads_ManyMoreAtOnceThanConnectionsKept_EachAnswered()
    {
        using var store = new SqliteDocumentStore(Path, [ByValue]);
        for (var i = 0; i < 10; i++)
        {
            await store.CreateAsync(Partition, $"T-{i}", new JsonObject { ["value"] = i });
        }

        var reads = Enumerable.Range(0, 200).Select(n => Task.Run(async () =>
            (await store.ReadAsync(Partition, $"T-{n % 10}"))!.Body["value"]!.GetValue<int>() == n % 10
            && (await store.QueryAsync(Partition, new DocumentQuery { Where = [new Eq("value", JsonValue.Create(n % 10))], PageSize = 2 })).Items.Count == 1));

        Assert.All(await Task.WhenAll(reads), Assert.True);
    }

    [Fact]
    public async Task ChangeFeed_AfterRefusedWritesAndARestart_GoesOnFromWhereItWasRead()
    {
        string continuation;
        using (var store = new SqliteDocumentStore(Path, [ByValue]))
        {
            await store.CreateAsync(Partition, "T-1", new JsonObject { ["value"] = 1 });
            await Assert.ThrowsAsync<StoreException>(() => store.CreateAsync(Partition, "T-1", new JsonObject { ["value"] = 9 })); // took a number, rolled back
            await store.CreateAsync(Partition, "T-2", new JsonObject { ["value"] = 2 });
            var page = await store.ReadChangeFeedAsync(Partition, null, 10);
            Assert.Equal(["T-1", "T-2"], page.Items.Select(d => d.Id));
            continuation = page.Continuation!;
        }

        SqliteConnection.ClearAllPools();
        using (var reopened = new SqliteDocumentStore(Path, [ByValue]))
        {
            await reopened.CreateAsync(Partition, "T-3", new JsonObject { ["value"] = 3 });
            var etag = (await reopened.ReadAsync(Partition, "T-1"))!.ETag;
            await reopened.ReplaceAsync(Partition, "T-1", new JsonObject { ["value"] = 10 }, etag);

            var after = await reopened.ReadChangeFeedAsync(Partition, continuation, 10);
            Assert.Equal(["T-3", "T-1"], after.Items.Select(d => d.Id)); // numbers go on from the file, past the refused one
            Assert.Empty((await reopened.ReadChangeFeedAsync(Partition, after.Continuation, 10)).Items);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
