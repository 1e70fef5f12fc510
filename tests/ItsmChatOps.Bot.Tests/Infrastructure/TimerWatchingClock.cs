using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells when the code under test starts waiting on it: each timer created (a <c>Task.Delay</c> on this
/// clock) is announced with its due time, so a test moves the clock once the wait exists instead of sleeping for it.
/// </summary>
public sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> created = new();
    private readonly SemaphoreSlim arrived = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        created.Enqueue(dueTime);
        arrived.Release();
        return timer;
    }

    /// <summary>The due time of the next timer created (in creation order); fails after 20 s without one.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        if (!await arrived.WaitAsync(TimeSpan.FromSeconds(20)))
        {
            throw new TimeoutException("No timer was created on the clock within 20 seconds.");
        }

        return created.TryDequeue(out var due) ? due : throw new InvalidOperationException("A timer was announced but not recorded.");
    }
}
