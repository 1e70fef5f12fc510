using System.Diagnostics;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

public static class Clock
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Moves fake time forward in steps until <paramref name="task"/> completes: the code under test waits on
    /// <see cref="TimeProvider"/> timers, which only fire when the fake clock moves. The clock moves only while the code is
    /// waiting on one of its timers, never while it is busy (a slow machine does not use up the fake time), and fails when the
    /// code is still waiting after <paramref name="limit"/> of fake time, or has neither finished nor started waiting within a minute.
    /// </summary>
    public static async Task<T> AdvanceUntilDoneAsync<T>(this TimerWatchingClock time, Task<T> task, TimeSpan step, TimeSpan limit)
    {
        var moved = TimeSpan.Zero;
        var busy = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (time.Awaited)
            {
                if (moved >= limit)
                {
                    throw new TimeoutException($"Still waiting on the clock after {limit} of fake time.");
                }

                time.Advance(step);
                moved += step;
                busy.Restart();
            }
            else if (busy.Elapsed > RealTimeLimit)
            {
                throw new TimeoutException($"Neither finished nor waiting on the clock for {RealTimeLimit.TotalSeconds} s.");
            }

            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System));
        }

        return await task;
    }
}
