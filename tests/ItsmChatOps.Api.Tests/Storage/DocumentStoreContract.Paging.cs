using CultureInfo = System.Globalization.CultureInfo;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Tests.Storage;

public abstract partial class DocumentStoreContract
{
    private static readonly Dictionary<string, SortKey[]> Orders = new()
    {
        ["id"] = [],
        ["priority-asc-opened-asc"] = [new SortKey("priority"), new SortKey("openedAt")],
        ["priority-desc-opened-desc"] = [new SortKey("priority", true), new SortKey("openedAt", true)],
        ["priority-asc-opened-desc"] = [new SortKey("priority"), new SortKey("openedAt", true)],
        ["opened-desc"] = [new SortKey("openedAt", true)],
    };

    public static TheoryData<string> OrderNames() => [.. Orders.Keys];

    [Theory]
    [MemberData(nameof(OrderNames))]
    public async Task Query_Order_ReturnsDocumentsInThatOrderWithIdTiebreak(string orderName)
    {
        var order = Orders[orderName];
        var pk = NewPartition();
        var seeded = await SeedManyAsync(pk, 23);

        var page = await Store.QueryAsync(pk, new DocumentQuery { OrderBy = order, PageSize = 100 });

        Assert.Equal(ExpectedOrder(seeded, order), page.Items.Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(OrderNames))]
    public async Task Query_PagesOfTen_EqualOneBigQueryWithoutGapsOrDuplicates(string orderName)
    {
        var order = Orders[orderName];
        var pk = NewPartition();
        var seeded = await SeedManyAsync(pk, 57);

        var all = await Store.QueryAsync(pk, new DocumentQuery { OrderBy = order, PageSize = 1000 });
        var paged = await ReadAllPagesAsync(pk, new DocumentQuery { OrderBy = order, PageSize = 10 });

        Assert.Equal([10, 10, 10, 10, 10, 7], paged.Select(p => p.Count));
        Assert.Equal(all.Items.Select(d => d.Id), paged.SelectMany(p => p));
        Assert.Equal(ExpectedOrder(seeded, order), paged.SelectMany(p => p));
    }

    [Fact]
    public async Task Query_PagesWithCondition_CoverEveryMatchOnce()
    {
        var pk = NewPartition();
        var seeded = await SeedManyAsync(pk, 57);
        var order = Orders["priority-asc-opened-desc"];
        var expected = ExpectedOrder(seeded.Where(d => d["state"]!.GetValue<string>() == "new"), order);

        var paged = await ReadAllPagesAsync(pk, new DocumentQuery { Where = [new Eq("state", J("new"))], OrderBy = order, PageSize = 4 });

        Assert.Equal(expected, paged.SelectMany(p => p));
        Assert.True(paged.Count > 2);
    }

    [Theory]
    [InlineData("priority-asc-opened-asc")]
    [InlineData("priority-desc-opened-desc")]
    [InlineData("priority-asc-opened-desc")]
    public async Task Query_PagesWithLeadingKeyFixedByEquality_KeepTheFullOrder(string orderName)
    {
        var pk = NewPartition();
        var seeded = await SeedManyAsync(pk, 57);
        var order = Orders[orderName];
        var expected = ExpectedOrder(seeded.Where(d => d["priority"]!.GetValue<int>() == 2), order);

        var paged = await ReadAllPagesAsync(pk, new DocumentQuery { Where = [new Eq("priority", JsonValue.Create(2))], OrderBy = order, PageSize = 3 });

        Assert.Equal(expected, paged.SelectMany(p => p));
        Assert.True(paged.Count > 3);
    }

    [Fact]
    public async Task Query_PageSizeCoversEverything_ReturnsNoContinuation()
    {
        var pk = NewPartition();
        await SeedManyAsync(pk, 10);

        var page = await Store.QueryAsync(pk, new DocumentQuery { PageSize = 10 });

        Assert.Equal(10, page.Items.Count);
        Assert.Null(page.Continuation);
    }

    [Theory]
    [InlineData("not a continuation")]
    [InlineData("bm90IGpzb24")]
    [InlineData("WzFd")]
    [InlineData("WzEsMiwzXQ")]
    public async Task Query_InvalidContinuation_ThrowsInvalidContinuation(string continuation)
    {
        var pk = NewPartition();
        await SeedManyAsync(pk, 3);

        var error = await Assert.ThrowsAsync<StoreException>(() => Store.QueryAsync(pk, new DocumentQuery
        {
            OrderBy = Orders["priority-asc-opened-asc"],
            Continuation = continuation,
        }));

        Assert.Equal(StoreError.InvalidContinuation, error.Error);
    }

    private async Task<List<List<string>>> ReadAllPagesAsync(string pk, DocumentQuery query)
    {
        var pages = new List<List<string>>();
        for (var page = await Store.QueryAsync(pk, query); ; page = await Store.QueryAsync(pk, query with { Continuation = page.Continuation }))
        {
            pages.Add(page.Items.Select(d => d.Id).ToList());
            Assert.True(pages.Count < 100, "Paging did not end.");
            if (page.Continuation is null)
            {
                return pages;
            }
        }
    }

    /// <summary>Documents whose sort keys repeat (4 priorities, 13 times), so the id tiebreak is exercised.</summary>
    private async Task<List<JsonObject>> SeedManyAsync(string pk, int count)
    {
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var documents = new List<JsonObject>();
        foreach (var i in Enumerable.Range(0, count).Select(i => (i * 37) % count))
        {
            var document = new JsonObject
            {
                ["state"] = i % 3 == 0 ? "new" : "resolved",
                ["priority"] = i % 4,
                ["openedAt"] = start.AddHours(i % 13).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            };
            documents.Add((await Store.CreateAsync(pk, $"INC-{i:D3}", document)).Body);
        }

        return documents;
    }

    /// <summary>The order the contract promises: the sort keys, then the id (descending only when every key is).</summary>
    private static List<string> ExpectedOrder(IEnumerable<JsonObject> documents, SortKey[] order)
    {
        var idDescending = order.Length > 0 && order.All(k => k.Descending);
        var sorted = documents.Order(Comparer<JsonObject>.Create((a, b) =>
        {
            foreach (var key in order)
            {
                var result = CompareValues(a[key.Path], b[key.Path]);
                if (result != 0)
                {
                    return key.Descending ? -result : result;
                }
            }

            var byId = string.CompareOrdinal(a["id"]!.GetValue<string>(), b["id"]!.GetValue<string>());
            return idDescending ? -byId : byId;
        }));
        return sorted.Select(d => d["id"]!.GetValue<string>()).ToList();
    }

    private static int CompareValues(JsonNode? a, JsonNode? b) => a!.GetValueKind() == JsonValueKind.Number
        ? double.Parse(a.ToJsonString(), CultureInfo.InvariantCulture).CompareTo(double.Parse(b!.ToJsonString(), CultureInfo.InvariantCulture))
        : string.CompareOrdinal(a.GetValue<string>(), b!.GetValue<string>());
}
