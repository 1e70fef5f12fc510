using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Storage.Sqlite;

/// <summary>
/// The single writer of the file, with group commit. SQLite allows one writer at a time and a commit costs far more
/// than the statements before it, so the writes that queue up while one transaction commits go into the next one
/// together: each in a savepoint of its own (a refused write, say a conflict, is rolled back alone and its caller gets
/// the error), all made durable by one commit, and no caller is answered before that commit. A write that arrives
/// when nothing is queued starts at once. Writes run in arrival order, each seeing those before it.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    /// <summary>At most this many writes share a transaction, so one commit never waits on an unbounded batch.</summary>
    public const int MaxBatch = 64;

    private readonly Func<SqliteConnection> _open;
    private SqliteWriteScope? _scope;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <param name="open">Opens a connection ready to write (pragmas applied); called again after a transaction failed.</param>
    public SqliteWriter(Func<SqliteConnection> open)
    {
        _open = open;
        _scope = new SqliteWriteScope(open());
        _loop = Task.Run(RunAsync);
    }

    public async Task<T> WriteAsync<T>(Func<SqliteWriteScope, T> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(scope => work(scope), cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return (T)(await pending.Done.Task)!;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        _scope?.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.CancellationToken); // not started: nothing of it is written
                }
                else
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                Commit(batch);
                batch.Clear();
            }
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        var outcomes = new (object? Result, Exception? Error)[batch.Count];
        try
        {
            var scope = _scope ??= new SqliteWriteScope(_open()); // reopened lazily, so a file that cannot be opened fails writes, not the loop
            using var transaction = scope.Begin();
            for (var i = 0; i < batch.Count; i++)
            {
                scope.Execute("SAVEPOINT write");
                try
                {
                    outcomes[i] = (batch[i].Work(scope), null);
                }
                catch (Exception ex)
                {
                    scope.Execute("ROLLBACK TO write");
                    outcomes[i] = (null, ex);
                }

                scope.Execute("RELEASE write");
            }

            scope.Commit();
        }
        catch (Exception ex)
        {
            // The transaction did not commit: none of the batch was written, so none of it may be acknowledged. A fresh
            // connection leaves no half-ended transaction behind for the next batch (closing rolls back what is open).
            batch.ForEach(write => write.Done.TrySetException(ex));
            _scope?.Dispose();
            _scope = null;
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult(outcomes[i].Result);
            }
        }
    }

    private sealed class PendingWrite(Func<SqliteWriteScope, object?> work, CancellationToken cancellationToken)
    {
        public Func<SqliteWriteScope, object?> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// What a write works with: the open transaction, the writer connection's statements and the log sequence number. A
/// statement is compiled once and kept (an INSERT into a table with many expression indexes compiles to a long program),
/// then bound afresh on each use; only the writer loop uses it, one statement at a time. The sequence number is counted
/// here, as the only writer may, and stored with each commit; numbers taken by a write that was rolled back are skipped.
/// </summary>
internal sealed class SqliteWriteScope(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;
    private long? _lsn; // read when first needed: the file may not have its tables yet when the scope is made
    private bool _lsnTaken;

    public SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("No write transaction is open.");

    public SqliteTransaction Begin()
    {
        _lsnTaken = false;
        return _transaction = connection.BeginTransaction(deferred: false);
    }

    /// <summary>The next log sequence number: greater than every one written before, in this transaction or earlier.</summary>
    public long NextLsn()
    {
        _lsn ??= Convert.ToInt64(Command("SELECT value FROM store_meta WHERE key = 'lsn'").ExecuteScalar(), CultureInfo.InvariantCulture);
        _lsnTaken = true;
        return (long)++_lsn;
    }

    /// <summary>Stores the sequence number reached, when this transaction took any, and commits it.</summary>
    public void Commit()
    {
        if (_lsnTaken)
        {
            var save = Command("UPDATE store_meta SET value = $value WHERE key = 'lsn'");
            save.Parameters.AddWithValue("$value", _lsn);
            save.ExecuteNonQuery();
        }

        Transaction.Commit();
    }

    /// <summary>The statement for <paramref name="sql"/> in the open transaction, with no parameters bound yet.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs a statement without parameters (a savepoint, say), compiled once like the others.</summary>
    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
