using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Storage.Sqlite;

/// <summary>
/// Reader connections kept open together with the statements they have compiled. Planning a query over a table with
/// dozens of partial expression indexes costs more than running it, so a statement is compiled once per connection and
/// bound afresh on each use, as the writer does. A connection serves one read at a time; reads never wait for one
/// (a new connection is opened when none is free) and at most <see cref="Kept"/> idle ones are kept.
/// </summary>
internal sealed class SqliteReaders(Func<SqliteConnection> open) : IDisposable
{
    private static readonly int Kept = Math.Max(8, Environment.ProcessorCount * 4);
    private readonly ConcurrentBag<SqliteReadScope> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteReadScope Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var scope))
        {
            Interlocked.Decrement(ref _idleCount);
            return scope;
        }

        return new SqliteReadScope(open(), this);
    }

    internal void Return(SqliteReadScope scope)
    {
        if (Interlocked.Increment(ref _idleCount) <= Kept && !_disposed)
        {
            _idle.Add(scope);
            if (_disposed && _idle.TryTake(out var late))
            {
                late.Close(); // disposed in between: nothing may stay open
            }

            return;
        }

        Interlocked.Decrement(ref _idleCount);
        scope.Close();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var scope))
        {
            scope.Close();
        }
    }
}

/// <summary>One reader connection lent out for one read; disposing it gives it back.</summary>
internal sealed class SqliteReadScope(SqliteConnection connection, SqliteReaders owner) : IDisposable
{
    /// <summary>Statements kept per connection; query shapes are few, but an unusual filter must not grow it without end.</summary>
    private const int MaxStatements = 128;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The statement for <paramref name="sql"/>, with no parameters bound yet.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    public void Dispose() => owner.Return(this);

    internal void Close()
    {
        DisposeCommands();
        connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
