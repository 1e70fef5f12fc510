using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IDocumentStore"/> adapter must have. Each adapter's test class derives
/// from this one; each test works in partitions of its own, so tests never see each other's documents.
/// </summary>
public abstract partial class DocumentStoreContract : IAsyncLifetime
{
    /// <summary>The orders the queries of this suite use; Cosmos DB needs a composite index for each.</summary>
    public static readonly IReadOnlyList<IndexDefinition> Indexes =
    [
        new("by-priority-opened", "incident", [new SortKey("priority"), new SortKey("openedAt")]),
        new("by-priority-opened-desc", "incident", [new SortKey("priority", true), new SortKey("openedAt", true)]),
        new("by-priority-newest", "incident", [new SortKey("priority"), new SortKey("openedAt", true)]),
        new("by-opened-desc", "incident", [new SortKey("openedAt", true)]),
    ];

    protected IDocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IDocumentStore> CreateStoreAsync();

    protected static string NewPartition() => $"t{Guid.NewGuid():N}|incident";

    [Fact]
    public async Task Create_NewDocument_ReadReturnsBodyWithIdAndPkAndNoSystemFields()
    {
        var pk = NewPartition();
        var body = new JsonObject
        {
            ["title"] = "Mail is down",
            ["priority"] = 2,
            ["major"] = false,
            ["assignee"] = null,
            ["tags"] = new JsonArray("mail", "outage"),
            ["assignment"] = new JsonObject { ["groupId"] = "service-desk" },
        };

        var created = await Store.CreateAsync(pk, "INC-1", body);
        var read = await Store.ReadAsync(pk, "INC-1");

        var expected = (JsonObject)body.DeepClone();
        expected["id"] = "INC-1";
        expected["pk"] = pk;
        Assert.NotNull(read);
        Assert.True(JsonNode.DeepEquals(expected, read.Body), read.Body.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected, created.Body), created.Body.ToJsonString());
        Assert.DoesNotContain(read.Body, p => p.Key.StartsWith('_'));
        Assert.Equal((pk, "INC-1", created.ETag), (read.PartitionKey, read.Id, read.ETag));
        Assert.False(string.IsNullOrEmpty(created.ETag));
    }

    [Fact]
    public async Task Create_IdTakenInPartition_ThrowsConflict()
    {
        var pk = NewPartition();
        await Store.CreateAsync(pk, "INC-1", new JsonObject { ["v"] = 1 });

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.CreateAsync(pk, "INC-1", new JsonObject { ["v"] = 2 }));

        Assert.Equal(StoreError.Conflict, error.Error);
        Assert.Equal(1, (await Store.ReadAsync(pk, "INC-1"))!.Body["v"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_SameIdInAnotherPartition_KeepsBothApart()
    {
        var (first, second) = (NewPartition(), NewPartition());
        await Store.CreateAsync(first, "INC-1", new JsonObject { ["v"] = 1 });
        await Store.CreateAsync(second, "INC-1", new JsonObject { ["v"] = 2 });

        Assert.Equal(1, (await Store.ReadAsync(first, "INC-1"))!.Body["v"]!.GetValue<int>());
        Assert.Equal(2, (await Store.ReadAsync(second, "INC-1"))!.Body["v"]!.GetValue<int>());
        Assert.Null(await Store.ReadAsync(NewPartition(), "INC-1"));
    }

    [Fact]
    public async Task Read_MissingDocument_ReturnsNull() =>
        Assert.Null(await Store.ReadAsync(NewPartition(), "missing"));

    [Fact]
    public async Task Replace_CurrentETag_StoresBodyAndReturnsNewETag()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(pk, "INC-1", new JsonObject { ["state"] = "new" });

        var replaced = await Store.ReplaceAsync(pk, "INC-1", new JsonObject { ["state"] = "resolved" }, created.ETag);
        var read = await Store.ReadAsync(pk, "INC-1");

        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(replaced.ETag, read!.ETag);
        Assert.Equal("resolved", read.Body["state"]!.GetValue<string>());
        Assert.Equal((pk, "INC-1"), (read.Body["pk"]!.GetValue<string>(), read.Body["id"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(read.Body, replaced.Body));
    }

    [Fact]
    public async Task Replace_StaleETag_ThrowsPreconditionFailedAndKeepsDocument()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(pk, "INC-1", new JsonObject { ["state"] = "new" });
        await Store.ReplaceAsync(pk, "INC-1", new JsonObject { ["state"] = "in-progress" }, created.ETag);

        var error = await Assert.ThrowsAsync<StoreException>(
            () => Store.ReplaceAsync(pk, "INC-1", new JsonObject { ["state"] = "resolved" }, created.ETag));

        Assert.Equal(StoreError.PreconditionFailed, error.Error);
        Assert.Equal("in-progress", (await Store.ReadAsync(pk, "INC-1"))!.Body["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replace_MissingDocument_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<StoreException>(
            () => Store.ReplaceAsync(NewPartition(), "missing", new JsonObject(), "\"any\""));

        Assert.Equal(StoreError.NotFound, error.Error);
    }

    [Fact]
    public async Task Delete_WithoutIfMatch_RemovesDocument()
    {
        var pk = NewPartition();
        await Store.CreateAsync(pk, "INC-1", new JsonObject());

        await Store.DeleteAsync(pk, "INC-1");

        Assert.Null(await Store.ReadAsync(pk, "INC-1"));
    }

    [Fact]
    public async Task Delete_CurrentETag_RemovesDocument()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(pk, "INC-1", new JsonObject());

        await Store.DeleteAsync(pk, "INC-1", created.ETag);

        Assert.Null(await Store.ReadAsync(pk, "INC-1"));
    }

    [Fact]
    public async Task Delete_StaleETag_ThrowsPreconditionFailedAndKeepsDocument()
    {
        var pk = NewPartition();
        var created = await Store.CreateAsync(pk, "INC-1", new JsonObject { ["v"] = 1 });
        await Store.ReplaceAsync(pk, "INC-1", new JsonObject { ["v"] = 2 }, created.ETag);

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.DeleteAsync(pk, "INC-1", created.ETag));

        Assert.Equal(StoreError.PreconditionFailed, error.Error);
        Assert.NotNull(await Store.ReadAsync(pk, "INC-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"any\"")]
    public async Task Delete_MissingDocument_ThrowsNotFound(string? ifMatch)
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => Store.DeleteAsync(NewPartition(), "missing", ifMatch));

        Assert.Equal(StoreError.NotFound, error.Error);
    }

    [Fact]
    public async Task IncrementCounter_CalledRepeatedly_ReturnsOneTwoThree()
    {
        var pk = NewPartition();

        long[] values = [await Store.IncrementCounterAsync(pk, "counter"), await Store.IncrementCounterAsync(pk, "counter"), await Store.IncrementCounterAsync(pk, "counter")];

        Assert.Equal([1L, 2L, 3L], values);
        Assert.Equal(1, await Store.IncrementCounterAsync(NewPartition(), "counter"));
    }

    [Fact]
    public async Task IncrementCounter_FiftyConcurrentCallers_GetOneToFiftyOnce()
    {
        var pk = NewPartition();

        var values = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Store.IncrementCounterAsync(pk, "counter"))));

        Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), values.Order());
    }

    [Fact]
    public async Task CreateNumbered_TwentyConcurrentCallers_EachDocumentNamedByItsOwnNumber()
    {
        var counters = NewPartition();
        var pk = NewPartition();

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Store.CreateNumberedAsync(counters, "incident", pk, n => ($"INC-{n}", new JsonObject { ["number"] = n })))));

        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"INC-{n}").ToHashSet(), created.Select(d => d.Id).ToHashSet());
        foreach (var document in created)
        {
            var read = await Store.ReadAsync(pk, document.Id);
            Assert.Equal(document.Id, $"INC-{read!.Body["number"]!.GetValue<long>()}");
            Assert.Equal(document.ETag, read.ETag);
        }

        Assert.Equal(21, await Store.IncrementCounterAsync(counters, "incident"));
    }

    [Fact]
    public async Task CreateNumbered_IdTaken_ConflictAndTheDocumentUnchanged()
    {
        var counters = NewPartition();
        var pk = NewPartition();
        await Store.CreateAsync(pk, "EVT-1", new JsonObject { ["v"] = "first" });

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.CreateNumberedAsync(counters, "position", pk, n => ("EVT-1", new JsonObject { ["v"] = "second", ["position"] = n })));

        Assert.Equal(StoreError.Conflict, error.Error);
        Assert.Equal("first", (await Store.ReadAsync(pk, "EVT-1"))!.Body["v"]!.GetValue<string>());
        var next = await Store.CreateNumberedAsync(counters, "position", pk, n => ($"EVT-{n + 1}", new JsonObject { ["position"] = n }));
        Assert.NotEqual("EVT-1", next.Id); // whether the refused create used up a number is the adapter's to say (IDocumentStore)
    }

    [Fact]
    public async Task CreateNumberedEach_NumbersInOrder_SkipsATakenIdAndKeepsTheRest()
    {
        var counters = NewPartition();
        var pk = NewPartition();
        await Store.CreateAsync(pk, "EVT-b", new JsonObject { ["v"] = "first" });

        var created = await Store.CreateNumberedEachAsync(counters, "position", pk,
            [.. new[] { "EVT-a", "EVT-b", "EVT-c" }.Select(id => (id, (Func<long, JsonObject>)(n => new JsonObject { ["v"] = id, ["position"] = n })))]);

        Assert.Equal(3, created.Count);
        Assert.Null(created[1]);
        Assert.Equal("first", (await Store.ReadAsync(pk, "EVT-b"))!.Body["v"]!.GetValue<string>());
        var first = (await Store.ReadAsync(pk, "EVT-a"))!.Body["position"]!.GetValue<long>();
        var third = (await Store.ReadAsync(pk, "EVT-c"))!.Body["position"]!.GetValue<long>();
        Assert.True(first < third, $"{first} then {third}");
        Assert.Equal(created[2]!.ETag, (await Store.ReadAsync(pk, "EVT-c"))!.ETag);
        Assert.Empty(await Store.CreateNumberedEachAsync(counters, "position", pk, []));
    }
}
