using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// Fires the timers of major incidents (MAJ-06 reminders and missed updates, MAJ-07 acknowledgements, MAJ-09
/// overdue reviews). Each record stores its next timer, so only due ones are read through an index; a lease keeps
/// the work to one API instance at a time.
/// </summary>
public sealed class MajorIncidentTimers(MajorIncidentService majors, Leases leases, TimeProvider time, ILogger<MajorIncidentTimers> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Fires every due timer; returns how many major incidents changed.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryAcquireAsync("major-incident-timers", Interval * 3, cancellationToken))
            {
                return 0;
            }

            var due = await majors.Store.Records.DueTimersAsync(time.GetUtcNow(), 200, cancellationToken);
            foreach (var major in due)
            {
                await majors.ChangeAsSystemAsync(major.Id, (m, policy, now) =>
                {
                    MajorIncidentClock.Fire(m, policy, now);
                    return Task.CompletedTask;
                }, cancellationToken);
            }

            return due.Count;
        }
        finally
        {
            _running.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(RunDueAsync, (delay, ct) => Task.Delay(delay, time, ct), Interval, Interval, logger, "Major incident timers", stoppingToken);
}
