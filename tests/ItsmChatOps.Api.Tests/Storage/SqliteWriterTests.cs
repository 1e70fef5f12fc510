using ItsmChatOps.Api.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Tests.Storage;

/// <summary>
/// Group commit in the embedded store: writes queued behind a running transaction share the next one, each in its own
/// savepoint, and nobody is answered before the commit that makes their write durable.
/// </summary>
[Trait("Category", "StorageContract")]
public sealed class SqliteWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("itsm-writer-").FullName;
    private readonly SqliteWriter _writer;

    public SqliteWriterTests()
    {
        using (var setup = Open())
        using (var command = setup.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (id TEXT PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        _writer = new SqliteWriter(Open);
    }

    [Fact]
    public async Task Queued_WhileATransactionRuns_ShareTheNextOne_AndARefusedWriteFailsAlone()
    {
        using var gate = new ManualResetEventSlim();
        var first = BlockedAsync(gate);
        var seen = new List<SqliteTransaction>();
        var queued = new[] { "b", "a", "c" }.Select(id => _writer.WriteAsync(tx => { seen.Add(tx.Transaction); return Insert(tx, id); }, CancellationToken.None)).ToList();
        gate.Set();

        Assert.Equal("a", await first);
        Assert.Equal("b", await queued[0]);
        await Assert.ThrowsAsync<SqliteException>(() => queued[1]); // "a" is taken: only this write is rolled back
        Assert.Equal("c", await queued[2]);
        Assert.Single(seen.Distinct());
        Assert.Equal(["a", "b", "c"], Ids());
    }

    [Fact]
    public async Task TransactionLost_NoWriteOfTheBatchIsAcknowledgedOrKept()
    {
        using var gate = new ManualResetEventSlim();
        var first = BlockedAsync(gate);
        var kept = _writer.WriteAsync(tx => Insert(tx, "b"), CancellationToken.None);
        var breaking = _writer.WriteAsync(tx => { Run(tx, "ROLLBACK"); return "x"; }, CancellationToken.None);
        gate.Set();

        Assert.Equal("a", await first);
        await Assert.ThrowsAnyAsync<Exception>(() => kept);
        await Assert.ThrowsAnyAsync<Exception>(() => breaking);
        Assert.Equal(["a"], Ids());
        Assert.Equal("d", await _writer.WriteAsync(tx => Insert(tx, "d"), CancellationToken.None)); // the writer goes on
    }

    [Fact]
    public async Task CancelledBeforeItStarts_NothingWritten()
    {
        using var gate = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var first = BlockedAsync(gate);
        var abandoned = _writer.WriteAsync(tx => Insert(tx, "b"), cancel.Token);
        await cancel.CancelAsync();
        gate.Set();

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Equal(["a"], Ids());
    }

    /// <summary>A write of "a" that has started (its transaction is open) and goes on when <paramref name="gate"/> opens.</summary>
    private Task<string> BlockedAsync(ManualResetEventSlim gate)
    {
        using var started = new ManualResetEventSlim();
        var write = _writer.WriteAsync(tx =>
        {
            started.Set();
            gate.Wait(TimeSpan.FromSeconds(30));
            return Insert(tx, "a");
        }, CancellationToken.None);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "The first write never started.");
        return write;
    }

    public void Dispose()
    {
        _writer.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Insert(SqliteWriteScope scope, string id)
    {
        var command = scope.Command("INSERT INTO t (id) VALUES ($id)"); // kept by the writer: compiled once
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        return id;
    }

    private static void Run(SqliteWriteScope scope, string sql)
    {
        using var command = scope.Transaction.Connection!.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "w.db")}");
        connection.Open();
        return connection;
    }

    private List<string> Ids()
    {
        using var reader = Open();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT id FROM t ORDER BY id";
        using var rows = command.ExecuteReader();
        var ids = new List<string>();
        while (rows.Read())
        {
            ids.Add(rows.GetString(0));
        }

        return ids;
    }
}
