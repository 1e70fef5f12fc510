using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Events;

/// <summary>A record type whose documents carry events for the relay.</summary>
public sealed record EventSource(string RecordType);

/// <summary>
/// Change-feed relay (transactional outbox): reads each event-carrying partition's change feed and
/// appends the events embedded in the changed records to the event log, each with the next global
/// position. The change feed may show only a record's latest version, which is why events are kept
/// inside the record for days: nothing raised is missed. Appending is idempotent by event id, and
/// events of one record are relayed in sequence order, so walking a record's events from the newest
/// back to the first one already logged finds exactly the new ones. One instance relays at a time
/// (a lease); a checkpoint per partition makes it resumable.
/// </summary>
public sealed class EventRelay(
    IDocumentStore store,
    Partitions partitions,
    EventLog log,
    Leases leases,
    IEnumerable<EventSource> sources,
    EventRelaySignal signal,
    ILogger<EventRelay> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FastPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(10);
    private readonly RecordCollection<Checkpoint> _checkpoints = new(store, partitions.For("relay-checkpoint"));
    private readonly SemaphoreSlim _running = new(1, 1);

    // The checkpoints as this instance last wrote them, kept while it holds the lease so that a pass over an idle
    // partition costs one change-feed read, not a checkpoint read as well. Dropped with the lease or on a stale write.
    private readonly Dictionary<string, Stored<Checkpoint>?> _known = [];

    // The newest event of each recently relayed record, known to be in the log: a record rewritten without a new
    // event (a timer, a counter) then costs no look-up in the log. Bounded; an event once logged stays logged.
    private readonly Dictionary<string, string> _logged = [];

    /// <summary>Relays everything pending now; returns how many events were appended.</summary>
    public async Task<int> RelayPendingAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryAcquireAsync("event-relay", LeaseDuration, cancellationToken))
            {
                _known.Clear();
                return 0;
            }

            var appended = 0;
            foreach (var source in sources.DistinctBy(s => s.RecordType))
            {
                appended += await RelayPartitionAsync(source.RecordType, cancellationToken);
            }

            return appended;
        }
        finally
        {
            _running.Release();
        }
    }

    // Local writes wake the relay at once; polling (slower while idle) catches other instances' writes.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(RelayPendingAsync, signal.WaitAsync, FastPoll, IdlePoll, logger, "The event relay", stoppingToken);

    private async Task<int> RelayPartitionAsync(string recordType, CancellationToken cancellationToken)
    {
        if (!_known.TryGetValue(recordType, out var checkpoint))
        {
            checkpoint = _known[recordType] = await _checkpoints.GetAsync(recordType, cancellationToken);
        }

        var continuation = checkpoint?.Value.Continuation;
        var etag = checkpoint?.ETag;
        var appended = 0;
        while (true)
        {
            var page = await store.ReadChangeFeedAsync(partitions.For(recordType), continuation, 100, cancellationToken);
            if (page.Items.Count == 0)
            {
                return appended;
            }

            // The new events of the whole page, in change-feed order and each record's in sequence, go to the log in one write.
            var fresh = new List<DomainEvent>();
            var newest = new List<DomainEvent>();
            foreach (var document in page.Items)
            {
                if (await NewEventsAsync(document.Body, cancellationToken) is { } events)
                {
                    fresh.AddRange(events.All.Skip(events.FirstNew));
                    newest.Add(events.All[^1]);
                }
            }

            appended += await log.AppendAllAsync(fresh, cancellationToken);
            Remember(newest);

            continuation = page.Continuation;
            var saved = new Checkpoint { Id = recordType, Continuation = continuation };
            try
            {
                var written = etag is null
                    ? await _checkpoints.CreateAsync(recordType, saved, cancellationToken)
                    : await _checkpoints.ReplaceAsync(recordType, saved, etag, cancellationToken);
                etag = written.ETag;
                _known[recordType] = written;
            }
            catch (StoreException)
            {
                _known.Remove(recordType); // another instance moved it: read it afresh next pass (appending again is harmless)
                throw;
            }
        }
    }

    /// <summary>A record's events in sequence order and the index of the first one not in the log yet; null when it carries none.</summary>
    private async Task<(List<DomainEvent> All, int FirstNew)?> NewEventsAsync(JsonObject body, CancellationToken cancellationToken)
    {
        if (body["events"] is not JsonArray embedded || embedded.Count == 0)
        {
            return null;
        }

        var events = embedded.Select(e => e.Deserialize<DomainEvent>(ItsmJson.Options)!).OrderBy(e => e.Seq).ToList();
        if (_logged.TryGetValue(RecordKey(events[^1]), out var newest) && newest == events[^1].Id)
        {
            return (events, events.Count);
        }

        var firstNew = events.Count;
        while (firstNew > 0 && !await log.ExistsAsync(events[firstNew - 1].Id, cancellationToken))
        {
            firstNew--;
        }

        return (events, firstNew);
    }

    /// <summary>Remembers, once they are in the log, the newest events of the records just relayed.</summary>
    private void Remember(List<DomainEvent> newest)
    {
        if (_logged.Count + newest.Count > 10_000)
        {
            _logged.Clear();
        }

        foreach (var domainEvent in newest)
        {
            _logged[RecordKey(domainEvent)] = domainEvent.Id;
        }
    }

    private static string RecordKey(DomainEvent domainEvent) => $"{domainEvent.RecordType}|{domainEvent.RecordId}";

    public sealed class Checkpoint
    {
        public required string Id { get; init; }
        public required string Continuation { get; init; }
    }
}

/// <summary>
/// Wakes the relay as soon as a record with new events is written, instead of waiting for the next poll. A wake-up
/// settles for a moment first, so that under load the writes arriving together share one pass over the partitions
/// rather than each starting its own.
/// </summary>
public sealed class EventRelaySignal
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Nudge()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent writer; one wake-up is enough.
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _signal.WaitAsync(timeout, cancellationToken))
        {
            await Task.Delay(Settle, cancellationToken);
        }
    }
}
