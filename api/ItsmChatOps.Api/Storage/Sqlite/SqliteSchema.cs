namespace ItsmChatOps.Api.Storage.Sqlite;

internal static class SqliteSchema
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

    /// <summary>An expression index over the declared paths, led by the partition key, ended by the id.</summary>
    public static string CreateIndex(IndexDefinition index)
    {
        var columns = string.Join(", ", index.Keys.Select(k =>
            $"{SqliteQueryBuilder.Extract(k.Path)}{(k.Descending ? " DESC" : "")}"));
        var name = new string(index.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return $"CREATE INDEX IF NOT EXISTS ix_{name} ON documents (pk, {columns}, id);";
    }
}
