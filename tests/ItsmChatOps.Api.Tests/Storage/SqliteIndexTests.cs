using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Tests.Storage;

/// <summary>
/// What the embedded store does with the declared indexes: each is partial to its record type, so writes to other
/// partitions skip it, queries of the type still use it, and a file from an earlier version is brought up to date.
/// </summary>
[Trait("Category", "StorageContract")]
public sealed class SqliteIndexTests : IDisposable
{
    private static readonly IndexDefinition ByPriority = new("incident-priority", "incident", [new SortKey("priority"), new SortKey("openedAt")]);
    private static readonly IndexDefinition ProblemsByState = new("problem-state", "problem", [new SortKey("state")]);

    private readonly string _directory = Directory.CreateTempSubdirectory("itsm-index-").FullName;

    private string Path => System.IO.Path.Combine(_directory, "itsm.db");

    [Fact]
    public async Task Write_OtherRecordType_AddsNothingToTheIndexOfAType()
    {
        using (var store = new SqliteDocumentStore(Path, [ByPriority, ProblemsByState]))
        {
            await store.CreateAsync("t1|incident", "INC-1", new JsonObject { ["priority"] = 2, ["openedAt"] = "2026-01-01T00:00:00Z" });
            await store.CreateAsync("t1|event", "E-1", new JsonObject { ["priority"] = 3 });
            await store.CreateAsync("t1|problem", "PRB-1", new JsonObject { ["state"] = "Open" });
        }

        Assert.Equal(1, Scalar("SELECT count(*) FROM documents INDEXED BY ix_incident_priority WHERE pk GLOB '*|incident'"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM documents INDEXED BY ix_problem_state WHERE pk GLOB '*|problem'"));
        Assert.Equal(
            ["ix_incident_priority: CREATE INDEX ix_incident_priority ON documents (pk, json_extract(body, '$.priority'), json_extract(body, '$.openedAt'), id) WHERE pk GLOB '*|incident'",
             "ix_problem_state: CREATE INDEX ix_problem_state ON documents (pk, json_extract(body, '$.state'), id) WHERE pk GLOB '*|problem'"],
            Indexes());
    }

    [Fact]
    public async Task Query_OfTheIndexedType_WalksThePartialIndexInOrder()
    {
        using var store = new SqliteDocumentStore(Path, [ByPriority]);
        foreach (var (id, priority) in new[] { ("INC-1", 3), ("INC-2", 1), ("INC-3", 2) })
        {
            await store.CreateAsync("t1|incident", id, new JsonObject { ["priority"] = priority, ["openedAt"] = "2026-01-01T00:00:00Z" });
        }

        var query = new DocumentQuery { OrderBy = [new SortKey("priority"), new SortKey("openedAt")], PageSize = 2 };
        using var connection = Open();
        using var explain = connection.CreateCommand();
        var sql = new SqliteQueryBuilder();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql.Select("t1|incident", query);
        sql.BindTo(explain);
        using var reader = explain.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("USING INDEX ix_incident_priority", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal)); // ordered by the index, not sorted after
        var page = await store.QueryAsync("t1|incident", query);
        Assert.Equal(["INC-2", "INC-3"], page.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Open_FileOfAnEarlierVersion_RebuildsChangedIndexesAndDropsUndeclaredOnes()
    {
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = SqliteSchema.Create + """
                CREATE INDEX ix_incident_priority ON documents (pk, json_extract(body, '$.priority'), json_extract(body, '$.openedAt'), id);
                CREATE INDEX ix_incident_retired ON documents (pk, json_extract(body, '$.retired'), id);
                """;
            command.ExecuteNonQuery();
        }

        using (var store = new SqliteDocumentStore(Path, [ByPriority]))
        {
            await store.CreateAsync("t1|incident", "INC-1", new JsonObject { ["priority"] = 1 });
        }

        Assert.Equal(
            ["ix_incident_priority: CREATE INDEX ix_incident_priority ON documents (pk, json_extract(body, '$.priority'), json_extract(body, '$.openedAt'), id) WHERE pk GLOB '*|incident'"],
            Indexes());
        using var reopened = new SqliteDocumentStore(Path, [ByPriority]); // unchanged: nothing to rebuild, the document is there
        Assert.NotNull(await reopened.ReadAsync("t1|incident", "INC-1"));
    }

    [Theory]
    [InlineData("tenant|incident", "incident")]
    [InlineData("a|b|major-incident", "major-incident")]
    [InlineData("t1|Incident", null)]
    [InlineData("incident", null)]
    [InlineData("t1|inc'ident", null)]
    public void RecordTypeOf_PartitionKey_OnlyAPlainTypeName(string partitionKey, string? expected) =>
        Assert.Equal(expected, SqliteSchema.RecordTypeOf(partitionKey));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path}");
        connection.Open();
        return connection;
    }

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private List<string> Indexes()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' AND name <> 'ix_documents_feed' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
