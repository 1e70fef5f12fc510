using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Events;

/// <summary>A rule that reacts to an event (closing an incident schedules its survey, ...). It must be idempotent: delivery is at least once.</summary>
public interface IEventReaction
{
    bool Handles(DomainEvent domainEvent);

    Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Runs the API's own reactions to events, from the event log in order with a durable cursor, on one
/// instance at a time (a lease). A reaction that keeps failing is retried on later passes and skipped,
/// with an error logged, after <see cref="MaxAttempts"/>, so one bad event cannot stop the others.
/// </summary>
public sealed class EventReactions(
    IDocumentStore store,
    Partitions partitions,
    EventLog log,
    Leases leases,
    EventRelay relay,
    IEnumerable<IEventReaction> reactions,
    ILogger<EventReactions> logger) : BackgroundService
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan FastPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(10);
    private readonly RecordCollection<Cursor> _cursors = new(store, partitions.For("reaction-cursor"));
    private readonly SemaphoreSlim _running = new(1, 1);
    private (string EventId, int Attempts) _failing;

    /// <summary>Relays pending events, then reacts to every event not reacted to yet; returns how many were handled.</summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken)
    {
        await relay.RelayPendingAsync(cancellationToken);
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryAcquireAsync("event-reactions", TimeSpan.FromSeconds(30), cancellationToken))
            {
                return 0;
            }

            var stored = await _cursors.GetAsync("reactions", cancellationToken);
            var position = stored?.Value.Position ?? 0;
            var etag = stored?.ETag;
            var handled = 0;
            for (var page = await log.ReadAfterAsync(position, 100, cancellationToken); page.Count > 0; page = await log.ReadAfterAsync(position, 100, cancellationToken))
            {
                foreach (var domainEvent in page)
                {
                    if (!await TryReactAsync(domainEvent, cancellationToken))
                    {
                        return handled;
                    }

                    position = domainEvent.Position!.Value;
                    handled++;
                }

                var cursor = new Cursor { Id = "reactions", Position = position };
                etag = etag is null ? (await _cursors.CreateAsync(cursor.Id, cursor, cancellationToken)).ETag : (await _cursors.ReplaceAsync(cursor.Id, cursor, etag, cancellationToken)).ETag;
            }

            return handled;
        }
        finally
        {
            _running.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(RunPendingAsync, Task.Delay, FastPoll, IdlePoll, logger, "Event reactions", stoppingToken);

    private async Task<bool> TryReactAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var reaction in reactions.Where(r => r.Handles(domainEvent)))
            {
                await reaction.HandleAsync(domainEvent, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failing = _failing.EventId == domainEvent.Id ? (domainEvent.Id, _failing.Attempts + 1) : (domainEvent.Id, 1);
            if (_failing.Attempts >= MaxAttempts)
            {
                logger.LogError(ex, "Giving up reacting to event {EventId} ({Kind} on {RecordId}) after {Attempts} attempts", domainEvent.Id, domainEvent.Kind, domainEvent.RecordId, MaxAttempts);
                return true;
            }

            logger.LogWarning(ex, "Reacting to event {EventId} ({Kind}) failed; it will be retried", domainEvent.Id, domainEvent.Kind);
            return false;
        }
    }

    public sealed class Cursor
    {
        public required string Id { get; init; }
        public required long Position { get; init; }
    }
}
