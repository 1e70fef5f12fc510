using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Keeps every log line the app writes, so tests can check what an operator would see.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> entries = new();
    private readonly SemaphoreSlim signal = new(0);

    public IReadOnlyList<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries, signal);

    /// <summary>Waits until a log line satisfies <paramref name="match"/> (fails after 20 s).</summary>
    public async Task<(LogLevel Level, string Category, string Message, Exception? Exception)> WaitForAsync(Func<(LogLevel Level, string Category, string Message, Exception? Exception), bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            foreach (var entry in entries)
            {
                if (match(entry))
                {
                    return entry;
                }
            }

            await signal.WaitAsync(timeout.Token);
        }
    }

    public void Dispose() => signal.Dispose();

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string, Exception?)> entries, SemaphoreSlim signal) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            entries.Enqueue((logLevel, category, formatter(state, exception), exception));
            signal.Release();
        }
    }
}
