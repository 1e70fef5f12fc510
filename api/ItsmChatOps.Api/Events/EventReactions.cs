using System.Text.Json.Nodes;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Events;

/// <summary>Reacts to logged events of some record types. Delivery is at-least-once, so a reaction must be idempotent.</summary>
public interface IEventReaction
{
    IReadOnlyCollection<string> RecordTypes { get; }

    Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Runs the API's own reactions to the event feed (a change closing resolves its problem, an incident
/// linked to a known error counts, recurring incidents propose a problem). One instance runs them at a
/// time (a lease); a stored checkpoint makes them resumable. A reaction that fails is logged and the
/// feed moves on, so one bad record cannot stall every other process.
/// </summary>
public sealed class EventReactions(
    EventLog log,
    Leases leases,
    IDocumentStore store,
    Partitions partitions,
    IEnumerable<IEventReaction> reactions,
    ILogger<EventReactions> logger) : BackgroundService
{
    private const string Name = "event-reactions";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly RecordCollection<ReactionCheckpoint> _checkpoints = new(store, partitions.For("reaction-checkpoint"));
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Handles every event logged since the checkpoint; returns how many events were read.</summary>
    public async Task<int> RunPendingAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryAcquireAsync(Name, TimeSpan.FromSeconds(30), cancellationToken))
            {
                return 0;
            }

            var checkpoint = await _checkpoints.GetAsync(Name, cancellationToken)
                ?? await _checkpoints.CreateAsync(Name, new ReactionCheckpoint { Id = Name, Position = await log.LastPositionAsync(cancellationToken) }, cancellationToken);
            var read = 0;
            while (true)
            {
                var events = await log.ReadAfterAsync(checkpoint.Value.Position, 100, cancellationToken);
                if (events.Count == 0)
                {
                    return read;
                }

                foreach (var domainEvent in events)
                {
                    await DispatchAsync(domainEvent, cancellationToken);
                }

                read += events.Count;
                checkpoint = await _checkpoints.ReplaceAsync(Name, new ReactionCheckpoint { Id = Name, Position = events[^1].Position!.Value }, checkpoint.ETag, cancellationToken);
            }
        }
        finally
        {
            _running.Release();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Polling.RunAsync("Event reactions", RunPendingAsync, ct => Task.Delay(PollInterval, ct), logger, stoppingToken);

    private async Task DispatchAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        foreach (var reaction in reactions.Where(r => r.RecordTypes.Contains(domainEvent.RecordType)))
        {
            try
            {
                await reaction.HandleAsync(domainEvent, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Reaction} failed on event {EventId} ({Kind} of {RecordId})", reaction.GetType().Name, domainEvent.Id, domainEvent.Kind, domainEvent.RecordId);
            }
        }
    }

    /// <summary>The value of a field change's new value as text, when the event carries it.</summary>
    public static string? NewValue(DomainEvent domainEvent, string field) =>
        domainEvent.Changes.FirstOrDefault(c => c.Field == field)?.New is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    public sealed class ReactionCheckpoint
    {
        public required string Id { get; init; }
        public required long Position { get; init; }
    }
}
