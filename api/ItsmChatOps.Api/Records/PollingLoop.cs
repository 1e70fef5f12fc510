namespace ItsmChatOps.Api.Records;

/// <summary>
/// The loop of a background worker: run a pass, then wait — briefly after a pass that did something,
/// twice as long after each idle pass up to a ceiling, so an idle API does little I/O. A failed pass is
/// logged and retried after the longest wait; it never stops the worker.
/// </summary>
public static class PollingLoop
{
    public static async Task RunAsync(Func<CancellationToken, Task<int>> pass, Func<TimeSpan, CancellationToken, Task> wait,
        TimeSpan busy, TimeSpan idle, ILogger logger, string name, CancellationToken stoppingToken)
    {
        var delay = busy;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await pass(stoppingToken);
                delay = done > 0 ? busy : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, idle.Ticks));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Worker} failed; it will run again", name);
                delay = idle;
            }

            await wait(delay, stoppingToken);
        }
    }
}
