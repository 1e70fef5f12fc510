using System.Threading.Channels;
using ItsmChatOps.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// Message turns are acknowledged at once and run here, so the channel's 15-second limit never
/// depends on how long the work takes. The queue is bounded (a full queue refuses, the endpoint answers
/// 503). On shutdown it accepts nothing new and finishes the turns it holds until the host's shutdown
/// timeout, then cancels what is still running.
/// </summary>
public sealed class TurnQueue : IHostedService, IDisposable
{
    private readonly Channel<(Activity Activity, Func<CancellationToken, Task> Work)> channel;
    private readonly TurnRunner runner;
    private readonly ILogger<TurnQueue> logger;
    private readonly int workers;
    private readonly CancellationTokenSource abort = new();
    private Task running = Task.CompletedTask;
    private readonly Lock counting = new();
    private int inFlight;
    private TaskCompletionSource idle = Completed();

    public TurnQueue(TurnRunner runner, IOptions<BotOptions> options, ILogger<TurnQueue> logger)
    {
        this.runner = runner;
        this.logger = logger;
        workers = options.Value.TurnWorkers;
        channel = Channel.CreateBounded<(Activity, Func<CancellationToken, Task>)>(new BoundedChannelOptions(options.Value.TurnQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = workers == 1,
        });
    }

    /// <summary>Accepts a turn for background processing; false when the queue is full or shutting down.</summary>
    public bool TryEnqueue(Activity activity) => TryEnqueue(activity, cancellationToken => runner.RunAsync(activity, cancellationToken));

    /// <summary>Accepts work a channel adapter does around a turn (dedupe, answering the channel its own way); <paramref name="activity"/> names it in logs.</summary>
    public bool TryEnqueue(Activity activity, Func<CancellationToken, Task> work)
    {
        Started();
        if (channel.Writer.TryWrite((activity, work)))
        {
            return true;
        }

        Finished();
        return false;
    }

    /// <summary>Accepted turns not finished yet (queued or running).</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Completes when no accepted turn is queued or running (at once when none is).</summary>
    public Task WhenIdleAsync()
    {
        lock (counting)
        {
            return idle.Task;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        running = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        channel.Writer.TryComplete();
        await using var registration = cancellationToken.Register(abort.Cancel);
        await running;
    }

    private async Task WorkAsync()
    {
        // Reads until the writer completes and the queue is drained: accepted turns are not dropped.
        await foreach (var (activity, work) in channel.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await work(abort.Token);
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "Turn for {ActivityType} in conversation {ConversationId} was not completed", activity.Type, activity.Conversation?.Id);
            }
            finally
            {
                Finished();
            }
        }
    }

    public void Dispose() => abort.Dispose();

    private void Started()
    {
        lock (counting)
        {
            if (inFlight++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void Finished()
    {
        lock (counting)
        {
            if (--inFlight == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
