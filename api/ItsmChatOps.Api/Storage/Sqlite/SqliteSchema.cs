using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Storage.Sqlite;

/// <summary>
/// The one table of documents and the expression indexes declared over it. An index serves one record type, so it is
/// partial: it holds only the rows of partitions of that type (partition keys end in <c>|recordType</c>, see
/// <c>Partitions.For</c>), and a write to any other partition neither computes nor stores its entries. Queries carry the
/// same type term (<see cref="TypeTerm"/>) so the planner may use the index.
/// </summary>
internal static partial class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS documents (
            pk   TEXT    NOT NULL,
            id   TEXT    NOT NULL,
            body TEXT    NOT NULL,
            etag TEXT    NOT NULL,
            lsn  INTEGER NOT NULL,
            PRIMARY KEY (pk, id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_documents_feed ON documents (pk, lsn);
        CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT INTO store_meta (key, value) VALUES ('lsn', 0) ON CONFLICT (key) DO NOTHING;
        """;

    private const string FeedIndex = "ix_documents_feed";

    /// <summary>
    /// The condition "a partition of <paramref name="recordType"/>", as literal SQL: a partial index is usable only by a
    /// query that contains its condition term for term, which a bound parameter would not be.
    /// </summary>
    public static string TypeTerm(string recordType) =>
        RecordType().IsMatch(recordType) ? $"pk GLOB '*|{recordType}'" : throw new ArgumentException($"'{recordType}' is not a record type name.", nameof(recordType));

    /// <summary>The record type a partition key names, when it follows the <c>tenant|recordType</c> convention.</summary>
    public static string? RecordTypeOf(string partitionKey) =>
        partitionKey.LastIndexOf('|') is var bar and >= 0 && RecordType().IsMatch(partitionKey.AsSpan(bar + 1)) ? partitionKey[(bar + 1)..] : null;

    /// <summary>An expression index over the declared paths, led by the partition key, ended by the id, partial to its record type.</summary>
    public static string CreateIndex(IndexDefinition index)
    {
        var columns = string.Join(", ", index.Keys.Select(k =>
            $"{SqliteQueryBuilder.Extract(k.Path)}{(k.Descending ? " DESC" : "")}"));
        return $"CREATE INDEX {IndexName(index)} ON documents (pk, {columns}, id) WHERE {TypeTerm(index.RecordType)}";
    }

    /// <summary>
    /// Brings the declared indexes into the file: creates the missing ones, rebuilds those whose definition changed
    /// (a file from an earlier version) and drops the ones no longer declared, which would only slow every write.
    /// </summary>
    public static void Apply(SqliteConnection connection, IReadOnlyList<IndexDefinition> indexes)
    {
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' AND sql IS NOT NULL";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                existing[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var declared = indexes.ToDictionary(IndexName, CreateIndex, StringComparer.Ordinal);
        using var transaction = connection.BeginTransaction();
        foreach (var stale in existing.Where(e => e.Key != FeedIndex && declared.GetValueOrDefault(e.Key) != e.Value))
        {
            Execute(transaction, $"DROP INDEX {stale.Key}");
        }

        foreach (var wanted in declared.Where(d => existing.GetValueOrDefault(d.Key) != d.Value))
        {
            Execute(transaction, wanted.Value);
        }

        transaction.Commit();
    }

    private static string IndexName(IndexDefinition index) =>
        "ix_" + new string(index.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex RecordType();
}
