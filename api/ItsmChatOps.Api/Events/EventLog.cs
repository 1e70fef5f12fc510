using System.Text.Json.Nodes;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Events;

/// <summary>
/// The append-only event log (partition <c>{tenant}|event</c>): every event once, with a global
/// position. It serves the feed the bot consumes and the stored part of each record's timeline.
/// </summary>
public sealed class EventLog(IDocumentStore store, Partitions partitions)
{
    public const string RecordType = "event";
    private readonly RecordCollection<DomainEvent> _events = new(store, partitions.For(RecordType));

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("event-position", RecordType, new SortKey("position"));
        services.AddStorageIndex("event-record", RecordType, new SortKey("recordId"), new SortKey("seq"));
        services.AddStorageIndex("event-position-latest", RecordType, new SortKey("position", Descending: true));
    }

    /// <summary>The position of the newest logged event (0 when the log is empty): where a new reader of the feed starts.</summary>
    public async Task<long> LastPositionAsync(CancellationToken cancellationToken)
    {
        var (items, _) = await _events.QueryAsync(new DocumentQuery { OrderBy = [new SortKey("position", Descending: true)], PageSize = 1 }, cancellationToken);
        return items.Count == 0 ? 0 : items[0].Value.Position ?? 0;
    }

    public async Task<bool> ExistsAsync(string eventId, CancellationToken cancellationToken) =>
        await store.ReadAsync(_events.PartitionKey, eventId, cancellationToken) is not null;

    /// <summary>Appends events in order, each with the next global position, in one write where the store allows; those already logged are skipped. Returns how many were appended.</summary>
    public async Task<int> AppendAllAsync(IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var created = await store.CreateNumberedEachAsync(partitions.For("counter"), "event-position", _events.PartitionKey,
            [.. events.Select(e => (e.Id, (Func<long, JsonObject>)(position => Positioned(e, position))))], cancellationToken);
        return created.Count(d => d is not null);
    }

    private static JsonObject Positioned(DomainEvent domainEvent, long position)
    {
        var body = Documents.Serialize(domainEvent);
        body["position"] = position;
        return body;
    }

    /// <summary>Events after a position, oldest first.</summary>
    public async Task<IReadOnlyList<DomainEvent>> ReadAfterAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var (items, _) = await _events.QueryAsync(new DocumentQuery
        {
            Where = [new Compare("position", CompareOp.GreaterThan, JsonValue.Create(after))],
            OrderBy = [new SortKey("position")],
            PageSize = limit,
        }, cancellationToken);
        return items.Select(i => i.Value).ToList();
    }

    public async Task<DomainEvent?> GetAsync(string eventId, CancellationToken cancellationToken) =>
        (await _events.GetAsync(eventId, cancellationToken))?.Value;

    /// <summary>Every logged event of one record in sequence order.</summary>
    public async Task<List<DomainEvent>> ForRecordAsync(string recordId, CancellationToken cancellationToken)
    {
        var result = new List<DomainEvent>();
        await foreach (var item in _events.QueryAllAsync(new DocumentQuery
        {
            Where = [new Eq("recordId", JsonValue.Create(recordId))],
            OrderBy = [new SortKey("recordId"), new SortKey("seq")],
            PageSize = 500,
        }, cancellationToken))
        {
            result.Add(item.Value);
        }

        return result;
    }

    /// <summary>A record's timeline: the logged events plus any recent ones not relayed yet, in sequence order.</summary>
    public async Task<List<DomainEvent>> TimelineAsync(RecordDocument record, CancellationToken cancellationToken)
    {
        var logged = await ForRecordAsync(record.Id, cancellationToken);
        var known = logged.Select(e => e.Id).ToHashSet();
        logged.AddRange(record.Events.Where(e => !known.Contains(e.Id)));
        return logged.OrderBy(e => e.Seq).ToList();
    }
}
