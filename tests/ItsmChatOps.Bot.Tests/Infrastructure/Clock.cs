using Microsoft.Extensions.Time.Testing;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

public static class Clock
{
    /// <summary>
    /// Moves fake time forward in small steps until <paramref name="task"/> completes: the code under test
    /// waits on <see cref="TimeProvider"/> timers, which only fire when the fake clock moves.
    /// </summary>
    public static async Task<T> AdvanceUntilDoneAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, TimeSpan limit)
    {
        var moved = TimeSpan.Zero;
        while (!task.IsCompleted && moved < limit)
        {
            time.Advance(step);
            moved += step;
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System));
        }

        return await task;
    }
}
