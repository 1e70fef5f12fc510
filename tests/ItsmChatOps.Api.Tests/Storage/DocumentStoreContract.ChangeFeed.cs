using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Tests.Storage;

public abstract partial class DocumentStoreContract
{
    [Fact]
    public async Task ReadChangeFeed_FromBeginning_ReturnsOldestChangeFirst()
    {
        var pk = NewPartition();
        foreach (var id in new[] { "INC-3", "INC-1", "INC-2" })
        {
            await Store.CreateAsync(pk, id, new JsonObject { ["v"] = 1 });
        }

        var page = await Store.ReadChangeFeedAsync(pk, null, 100);

        Assert.Equal(["INC-3", "INC-1", "INC-2"], page.Items.Select(d => d.Id));
        Assert.All(page.Items, d => Assert.DoesNotContain(d.Body, p => p.Key.StartsWith('_')));
        Assert.All(page.Items, d => Assert.Equal(pk, d.Body["pk"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ReadChangeFeed_DocumentChangedTwice_AppearsOnceAtLatestVersion()
    {
        var pk = NewPartition();
        var first = await Store.CreateAsync(pk, "INC-1", new JsonObject { ["v"] = 1 });
        await Store.CreateAsync(pk, "INC-2", new JsonObject { ["v"] = 1 });
        var second = await Store.ReplaceAsync(pk, "INC-1", new JsonObject { ["v"] = 2 }, first.ETag);
        var third = await Store.ReplaceAsync(pk, "INC-1", new JsonObject { ["v"] = 3 }, second.ETag);

        var page = await Store.ReadChangeFeedAsync(pk, null, 100);

        Assert.Equal(["INC-2", "INC-1"], page.Items.Select(d => d.Id));
        Assert.Equal(3, page.Items[1].Body["v"]!.GetValue<int>());
        Assert.Equal(third.ETag, page.Items[1].ETag);
    }

    [Fact]
    public async Task ReadChangeFeed_Resumed_ReturnsOnlyNewerChanges()
    {
        var pk = NewPartition();
        var first = await Store.CreateAsync(pk, "INC-1", new JsonObject { ["v"] = 1 });
        await Store.CreateAsync(pk, "INC-2", new JsonObject { ["v"] = 1 });
        var before = await Store.ReadChangeFeedAsync(pk, null, 100);

        await Store.CreateAsync(pk, "INC-3", new JsonObject { ["v"] = 1 });
        await Store.ReplaceAsync(pk, "INC-1", new JsonObject { ["v"] = 2 }, first.ETag);
        var after = await Store.ReadChangeFeedAsync(pk, before.Continuation, 100);

        Assert.Equal(["INC-1", "INC-2"], before.Items.Select(d => d.Id));
        Assert.Equal(["INC-3", "INC-1"], after.Items.Select(d => d.Id));
        Assert.Equal(2, after.Items[1].Body["v"]!.GetValue<int>());
    }

    [Fact]
    public async Task ReadChangeFeed_NothingNew_ReturnsSameContinuation()
    {
        var pk = NewPartition();
        await Store.CreateAsync(pk, "INC-1", new JsonObject());
        var read = await Store.ReadChangeFeedAsync(pk, null, 100);

        var again = await Store.ReadChangeFeedAsync(pk, read.Continuation, 100);
        var onceMore = await Store.ReadChangeFeedAsync(pk, again.Continuation, 100);

        Assert.Single(read.Items);
        Assert.Empty(again.Items);
        Assert.Equal(read.Continuation, again.Continuation);
        Assert.Equal(read.Continuation, onceMore.Continuation);
    }

    [Fact]
    public async Task ReadChangeFeed_EmptyPartition_ReturnsContinuationThatSeesLaterChanges()
    {
        var pk = NewPartition();
        var empty = await Store.ReadChangeFeedAsync(pk, null, 100);
        var still = await Store.ReadChangeFeedAsync(pk, empty.Continuation, 100);

        await Store.CreateAsync(pk, "INC-1", new JsonObject());
        var later = await Store.ReadChangeFeedAsync(pk, still.Continuation, 100);

        Assert.Empty(empty.Items);
        Assert.Equal(empty.Continuation, still.Continuation);
        Assert.Equal(["INC-1"], later.Items.Select(d => d.Id));
    }

    [Fact]
    public async Task ReadChangeFeed_MaxItems_PagesThroughEveryChangeInOrder()
    {
        var pk = NewPartition();
        var ids = Enumerable.Range(1, 5).Select(i => $"INC-{i}").ToList();
        foreach (var id in ids)
        {
            await Store.CreateAsync(pk, id, new JsonObject());
        }

        var pages = new List<ChangeFeedPage> { await Store.ReadChangeFeedAsync(pk, null, 2) };
        while (pages[^1].Items.Count > 0 && pages.Count < 10)
        {
            pages.Add(await Store.ReadChangeFeedAsync(pk, pages[^1].Continuation, 2));
        }

        Assert.Equal([2, 2, 1, 0], pages.Select(p => p.Items.Count));
        Assert.Equal(ids, pages.SelectMany(p => p.Items).Select(d => d.Id));
    }

    [Fact]
    public async Task ReadChangeFeed_DeletedDocument_IsNotReturned()
    {
        var pk = NewPartition();
        await Store.CreateAsync(pk, "INC-1", new JsonObject());
        await Store.CreateAsync(pk, "INC-2", new JsonObject());
        await Store.DeleteAsync(pk, "INC-1");

        var page = await Store.ReadChangeFeedAsync(pk, null, 100);

        Assert.Equal(["INC-2"], page.Items.Select(d => d.Id));
    }

    [Fact]
    public async Task ReadChangeFeed_AnotherPartitionChanges_AreNotReturned()
    {
        var (mine, theirs) = (NewPartition(), NewPartition());
        await Store.CreateAsync(mine, "INC-1", new JsonObject());
        await Store.CreateAsync(theirs, "INC-2", new JsonObject());
        var read = await Store.ReadChangeFeedAsync(mine, null, 100);

        await Store.CreateAsync(theirs, "INC-3", new JsonObject());
        var again = await Store.ReadChangeFeedAsync(mine, read.Continuation, 100);

        Assert.Equal(["INC-1"], read.Items.Select(d => d.Id));
        Assert.Empty(again.Items);
        Assert.Equal(read.Continuation, again.Continuation);
    }

    [Theory]
    [InlineData("not a continuation")]
    [InlineData("bm90IGpzb24")]
    public async Task ReadChangeFeed_InvalidContinuation_ThrowsInvalidContinuation(string continuation)
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => Store.ReadChangeFeedAsync(NewPartition(), continuation, 10));

        Assert.Equal(StoreError.InvalidContinuation, error.Error);
    }
}
