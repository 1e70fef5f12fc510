namespace ItsmChatOps.Api.Records;

/// <summary>The loop of a background worker: do a pass, log a failure without stopping, wait, again until the host stops.</summary>
public static class Polling
{
    public static async Task RunAsync(string name, Func<CancellationToken, Task> pass, Func<CancellationToken, Task> wait, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Worker} failed; it will run again", name);
            }

            await wait(stoppingToken);
        }
    }
}
