using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, one table of JSON documents keyed by
/// (partition key, id). Each write takes the next value of a store-wide log sequence number, which
/// orders the change feed; ETags are fresh per write. Writes go through one connection, committed in groups
/// by <see cref="SqliteWriter"/> (SQLite allows one writer); reads use kept connections with their compiled statements
/// (<see cref="SqliteReaders"/>) and never wait for writers.
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteWriter _writer;
    private readonly SqliteReaders _readers;

    public SqliteDocumentStore(string path, IReadOnlyList<IndexDefinition> indexes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _writer = new SqliteWriter(OpenWriter);
        _readers = new SqliteReaders(OpenReader);
        using var setup = OpenWriter();
        Execute(setup, SqliteSchema.Create);
        SqliteSchema.Apply(setup, indexes);
    }

    public Task<StoredDocument?> ReadAsync(string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var scope = _readers.Rent();
        var command = scope.Command("SELECT body, etag FROM documents WHERE pk = $pk AND id = $id");
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new StoredDocument(partitionKey, id, ParseBody(reader.GetString(0)), reader.GetString(1)) : null);
    }

    public Task<StoredDocument> CreateAsync(string partitionKey, string id, JsonObject body, CancellationToken cancellationToken = default) =>
        WriteAsync(scope => Insert(scope, partitionKey, id, body), cancellationToken);

    public Task<StoredDocument> CreateNumberedAsync(string counterPartitionKey, string counterId, string partitionKey,
        Func<long, (string Id, JsonObject Body)> build, CancellationToken cancellationToken = default) =>
        WriteAsync(scope =>
        {
            var (id, body) = build(Increment(scope, counterPartitionKey, counterId));
            return Insert(scope, partitionKey, id, body); // a conflict rolls the increment back with it
        }, cancellationToken);

    public Task<IReadOnlyList<StoredDocument?>> CreateNumberedEachAsync(string counterPartitionKey, string counterId, string partitionKey,
        IReadOnlyList<(string Id, Func<long, JsonObject> Build)> items, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<StoredDocument?>>(scope =>
        {
            var created = new StoredDocument?[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var (id, build) = items[i];
                if (CurrentETag(scope, partitionKey, id) is null) // under the write lock: nobody can take the id in between
                {
                    created[i] = Insert(scope, partitionKey, id, build(Increment(scope, counterPartitionKey, counterId)));
                }
            }

            return created;
        }, cancellationToken);

    private static StoredDocument Insert(SqliteWriteScope scope, string partitionKey, string id, JsonObject body)
    {
        var json = Stamp(body, partitionKey, id);
        var etag = NewETag();
        var command = scope.Command("""
                INSERT INTO documents (pk, id, body, etag, lsn) VALUES ($pk, $id, $body, $etag, $lsn)
                ON CONFLICT (pk, id) DO NOTHING
                """);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$body", json.ToJsonString());
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$lsn", scope.NextLsn());
        if (command.ExecuteNonQuery() == 0)
        {
            throw new StoreException(StoreError.Conflict, $"A document with id '{id}' already exists in '{partitionKey}'.");
        }

        return new StoredDocument(partitionKey, id, json, etag);
    }

    public Task<StoredDocument> ReplaceAsync(string partitionKey, string id, JsonObject body, string ifMatch, CancellationToken cancellationToken = default) =>
        WriteAsync(scope =>
        {
            var current = CurrentETag(scope, partitionKey, id)
                ?? throw new StoreException(StoreError.NotFound, $"Document '{id}' does not exist in '{partitionKey}'.");
            if (!string.Equals(current, ifMatch, StringComparison.Ordinal))
            {
                throw new StoreException(StoreError.PreconditionFailed, $"Document '{id}' has changed since it was read.");
            }

            var json = Stamp(body, partitionKey, id);
            var etag = NewETag();
            var command = scope.Command("UPDATE documents SET body = $body, etag = $etag, lsn = $lsn WHERE pk = $pk AND id = $id");
            command.Parameters.AddWithValue("$pk", partitionKey);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$body", json.ToJsonString());
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$lsn", scope.NextLsn());
            command.ExecuteNonQuery();
            return new StoredDocument(partitionKey, id, json, etag);
        }, cancellationToken);

    public Task DeleteAsync(string partitionKey, string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        WriteAsync(scope =>
        {
            var current = CurrentETag(scope, partitionKey, id)
                ?? throw new StoreException(StoreError.NotFound, $"Document '{id}' does not exist in '{partitionKey}'.");
            if (ifMatch is not null && !string.Equals(current, ifMatch, StringComparison.Ordinal))
            {
                throw new StoreException(StoreError.PreconditionFailed, $"Document '{id}' has changed since it was read.");
            }

            var command = scope.Command("DELETE FROM documents WHERE pk = $pk AND id = $id");
            command.Parameters.AddWithValue("$pk", partitionKey);
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task<QueryPage> QueryAsync(string partitionKey, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var sql = new SqliteQueryBuilder();
        var text = sql.Select(partitionKey, query);
        var items = new List<StoredDocument>(Math.Min(query.PageSize, 1000));
        using (var scope = _readers.Rent())
        {
            using var reader = sql.BindTo(scope.Command(text)).ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                items.Add(new StoredDocument(partitionKey, reader.GetString(0), ParseBody(reader.GetString(1)), reader.GetString(2)));
            }
        }

        if (items.Count <= query.PageSize)
        {
            return Task.FromResult(new QueryPage(items, null));
        }

        items.RemoveAt(items.Count - 1);
        return Task.FromResult(new QueryPage(items, KeysetContinuation.Encode(query.OrderBy, items[^1])));
    }

    public Task<long> CountAsync(string partitionKey, IReadOnlyList<Condition> where, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sql = new SqliteQueryBuilder();
        var text = sql.Count(partitionKey, where);
        using var scope = _readers.Rent();
        return Task.FromResult(Convert.ToInt64(sql.BindTo(scope.Command(text)).ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    public Task<long> IncrementCounterAsync(string partitionKey, string id, CancellationToken cancellationToken = default) =>
        WriteAsync(scope => Increment(scope, partitionKey, id), cancellationToken);

    private static long Increment(SqliteWriteScope scope, string partitionKey, string id)
    {
        var initial = Stamp(new JsonObject { ["value"] = 1 }, partitionKey, id).ToJsonString();
        var command = scope.Command("""
                INSERT INTO documents (pk, id, body, etag, lsn) VALUES ($pk, $id, $body, $etag, $lsn)
                ON CONFLICT (pk, id) DO UPDATE SET
                    body = json_set(body, '$.value', json_extract(body, '$.value') + 1), etag = $etag, lsn = $lsn
                RETURNING json_extract(body, '$.value')
                """);
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$body", initial);
        command.Parameters.AddWithValue("$etag", NewETag());
        command.Parameters.AddWithValue("$lsn", scope.NextLsn());
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public Task<ChangeFeedPage> ReadChangeFeedAsync(string partitionKey, string? continuation, int maxItems, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        long after = 0;
        if (continuation is not null && !long.TryParse(continuation, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new StoreException(StoreError.InvalidContinuation, "The change feed continuation is not valid.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var scope = _readers.Rent();
        var command = scope.Command("SELECT id, body, etag, lsn FROM documents WHERE pk = $pk AND lsn > $after ORDER BY lsn LIMIT $limit");
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", maxItems);
        var items = new List<StoredDocument>();
        var last = after;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new StoredDocument(partitionKey, reader.GetString(0), ParseBody(reader.GetString(1)), reader.GetString(2)));
            last = reader.GetInt64(3);
        }

        return Task.FromResult(new ChangeFeedPage(items, last.ToString(CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        _writer.Dispose();
        _readers.Dispose();
    }

    private Task<T> WriteAsync<T>(Func<SqliteWriteScope, T> work, CancellationToken cancellationToken) => _writer.WriteAsync(work, cancellationToken);

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // A checkpoint ends with two fsyncs on the writer's path; at the default 1,000 pages a burst of creates paid them
        // every few dozen commits. 10,000 pages (about 40 MB of log) makes them ten times rarer.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=10000;");
        return connection;
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static string? CurrentETag(SqliteWriteScope scope, string partitionKey, string id)
    {
        var command = scope.Command("SELECT etag FROM documents WHERE pk = $pk AND id = $id");
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as string;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Stamps <c>id</c> and <c>pk</c> into the body the store was handed (it owns it: no copy per write).</summary>
    private static JsonObject Stamp(JsonObject body, string partitionKey, string id)
    {
        body["id"] = id;
        body["pk"] = partitionKey;
        return body;
    }

    private static JsonObject ParseBody(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static string NewETag() => $"\"{Guid.NewGuid():N}\"";
}
