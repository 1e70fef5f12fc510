using ItsmChatOps.Api.Knowledge;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.ServiceCatalog;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>
/// The timers of problems (PRB-09 overdue actions, PRB-11 age targets), known errors (PRB-06 decision
/// reviews) and knowledge items (KB-06 review reminders). Each record stores its next timer, so only
/// due ones are read through an index; a lease keeps the work to one API instance at a time.
/// </summary>
public sealed class ProcessTimers(
    ProblemService problems,
    KnownErrorService knownErrors,
    KnowledgeStore knowledgeStore,
    KnowledgeService knowledge,
    ServiceStore services,
    Leases leases,
    TimeProvider time,
    ILogger<ProcessTimers> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Fires every due timer; returns how many records changed.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        // One run at a time in this process too: the lease is per instance.
        await _running.WaitAsync(cancellationToken);
        try
        {
            return await leases.TryAcquireAsync("process-timers", Interval * 3, cancellationToken) ? await FireDueAsync(cancellationToken) : 0;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fired = 0;
        var all = await services.AllAsync(cancellationToken);
        foreach (var due in await problems.Records.DueTimersAsync(now, 200, cancellationToken))
        {
            var owners = all.Where(s => due.ServiceIds.Contains(s.Id)).Select(s => s.OwnerId).ToList();
            await problems.ChangeAsSystemAsync(due.Id, (p, policy, at) => ProblemClock.Fire(p, policy, owners, at), cancellationToken);
            fired++;
        }

        foreach (var due in await knownErrors.Records.DueTimersAsync(now, 200, cancellationToken))
        {
            await knownErrors.ChangeAsSystemAsync(due.Id, (e, _, at) => KnownErrorRules.Fire(e, at), cancellationToken);
            fired++;
        }

        foreach (var due in await knowledgeStore.Items.DueTimersAsync(now, 200, cancellationToken))
        {
            await knowledge.ChangeAsSystemAsync(due.Id, (item, _, at) => KnowledgeRules.Fire(item, at), cancellationToken);
            fired++;
        }

        return fired;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(RunDueAsync, (delay, ct) => Task.Delay(delay, time, ct), Interval, Interval, logger, "Problem and knowledge timers", stoppingToken);
}
