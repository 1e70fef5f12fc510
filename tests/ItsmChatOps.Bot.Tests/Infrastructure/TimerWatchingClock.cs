using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells when the code under test waits on it: each timer created (a <c>Task.Delay</c> on this clock) is
/// announced with its due time, and <see cref="Awaited"/> says whether a timer is set and has not fired yet, so a test moves
/// the clock once the wait exists instead of sleeping for it or moving it while the code is still busy.
/// </summary>
public sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> created = new();
    private readonly SemaphoreSlim arrived = new(0);
    private int armed;

    /// <summary>True while at least one timer on this clock is set to fire and has not fired (nor been stopped).</summary>
    public bool Awaited => Volatile.Read(ref armed) > 0;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this, dueTime, period);
        watched.Inner = base.CreateTimer(watched.Wrap(callback), state, dueTime, period);
        created.Enqueue(dueTime);
        arrived.Release();
        return watched;
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

    /// <summary>A timer of the clock that keeps <see cref="armed"/> right: set while due, cleared when it fires once, is stopped or disposed.</summary>
    private sealed class WatchedTimer : ITimer
    {
        private readonly TimerWatchingClock clock;
        private int set;
        private TimeSpan repeat;

        public WatchedTimer(TimerWatchingClock clock, TimeSpan dueTime, TimeSpan period)
        {
            this.clock = clock;
            repeat = period;
            Arm(dueTime != Timeout.InfiniteTimeSpan); // before the timer exists: one due at once may fire while it is created
        }

        public ITimer Inner { get; set; } = null!;

        public TimerCallback Wrap(TimerCallback callback) => state =>
        {
            if (repeat == Timeout.InfiniteTimeSpan || repeat == TimeSpan.Zero)
            {
                Arm(false);
            }

            callback(state);
        };

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            repeat = period;
            Arm(dueTime != Timeout.InfiniteTimeSpan);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Arm(false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Arm(false);
            return Inner.DisposeAsync();
        }

        private void Arm(bool on)
        {
            if (Interlocked.Exchange(ref set, on ? 1 : 0) != (on ? 1 : 0))
            {
                Interlocked.Add(ref clock.armed, on ? 1 : -1);
            }
        }
    }
}
