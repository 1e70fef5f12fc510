using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Tests.Application;

public sealed class TurnQueueTests
{
    private readonly ProbeBot bot = new();
    private readonly RecordingConnector connector = new();

    [Fact]
    public async Task Stop_WithTurnsAccepted_FinishesThemAndRefusesNewOnes()
    {
        using var queue = Queue(capacity: 10, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        Assert.True(queue.TryEnqueue(TestActivities.Message("slow")));
        Assert.True(queue.TryEnqueue(TestActivities.Message("ping")));
        await bot.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var stopping = queue.StopAsync(CancellationToken.None);
        Assert.False(queue.TryEnqueue(TestActivities.Message("ping")));
        bot.Release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(["slow done", "pong"], connector.Calls.Select(c => c.Activity!.Text));
    }

    [Fact]
    public async Task Enqueue_QueueFull_Refused()
    {
        using var queue = Queue(capacity: 1, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        Assert.True(queue.TryEnqueue(TestActivities.Message("slow")));
        await bot.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(queue.TryEnqueue(TestActivities.Message("ping")));
        Assert.False(queue.TryEnqueue(TestActivities.Message("ping")));

        bot.Release.SetResult();
        await queue.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WhenIdle_TurnsAccepted_CompletesOnlyOnceTheLastHasFinished()
    {
        using var queue = Queue(capacity: 10, workers: 1);
        await queue.StartAsync(CancellationToken.None);
        Assert.True(queue.WhenIdleAsync().IsCompleted);
        Assert.True(queue.TryEnqueue(TestActivities.Message("slow")));
        Assert.True(queue.TryEnqueue(TestActivities.Message("ping")));
        await bot.SlowStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var idle = queue.WhenIdleAsync();
        Assert.False(idle.IsCompleted);
        bot.Release.SetResult();
        await idle.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, queue.InFlight);
        Assert.Equal(["slow done", "pong"], connector.Calls.Select(c => c.Activity!.Text));
        await queue.StopAsync(CancellationToken.None);
    }

    private TurnQueue Queue(int capacity, int workers) =>
        new(bot.Runner(connector), Options.Create(new BotOptions { TurnQueueCapacity = capacity, TurnWorkers = workers }), NullLogger<TurnQueue>.Instance);
}
