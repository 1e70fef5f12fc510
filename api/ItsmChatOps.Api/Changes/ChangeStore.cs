using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Changes;

/// <summary>Changes in their partition: numbering (CHG-nnnnnn), point reads, replace-if-match, the schedule and timers.</summary>
public sealed class ChangeStore(IDocumentStore store, Partitions partitions, EventRelaySignal relay)
{
    private readonly RecordCollection<Change> _changes = new(store, partitions.For(Change.Type));
    private readonly string _counters = partitions.For("counter");

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("change-created", Change.Type, new SortKey("createdAt", Descending: true));
        services.AddStorageIndex("change-schedule", Change.Type, new SortKey("scheduleStart"));
        services.AddStorageIndex("change-timer", Change.Type, new SortKey("nextTimerAt"));
        services.AddStorageIndex("change-implemented", Change.Type, new SortKey("actualEnd", Descending: true));
    }

    /// <summary>
    /// Changes whose implementation finished in [since, until] and was not backed out (now Implemented, in Review or
    /// Closed), on one of the services (named or affected) or CIs, most recent first (INC-04).
    /// </summary>
    public async Task<IReadOnlyList<Change>> ImplementedBetweenAsync(IReadOnlyCollection<string> serviceIds, IReadOnlyCollection<string> ciIds,
        DateTimeOffset since, DateTimeOffset until, int take, CancellationToken cancellationToken)
    {
        IReadOnlyList<Condition> onAny =
        [
            .. serviceIds.Select(s => new ArrayContains("serviceIds", JsonValue.Create(s))),
            .. serviceIds.Select(s => new ArrayContains("affectedServiceIds", JsonValue.Create(s))),
            .. ciIds.Select(c => new ArrayContains("ciIds", JsonValue.Create(c))),
        ];
        if (onAny.Count == 0)
        {
            return [];
        }

        var (items, _) = await QueryAsync(new DocumentQuery
        {
            Where =
            [
                new Compare("actualEnd", CompareOp.GreaterOrEqual, Timestamp(since)),
                new Compare("actualEnd", CompareOp.LessOrEqual, Timestamp(until)),
                new In("state", [JsonValue.Create(nameof(ChangeState.Implemented)), JsonValue.Create(nameof(ChangeState.Review)), JsonValue.Create(nameof(ChangeState.Closed))]),
                new IsDefined("backoutLog", Defined: false),
                new AnyOf(onAny),
            ],
            OrderBy = [new SortKey("actualEnd", Descending: true)],
            PageSize = take,
        }, cancellationToken);
        return items;
    }

    public async Task<string> NextIdAsync(CancellationToken cancellationToken)
    {
        var number = await store.IncrementCounterAsync(_counters, Change.Type, cancellationToken);
        return $"CHG-{number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";
    }

    public async Task<Change?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _changes.GetAsync(id, cancellationToken))?.Value;

    public async Task<Change> CreateAsync(Change change, CancellationToken cancellationToken)
    {
        change.RefreshDerived();
        var stored = await _changes.CreateAsync(change.Id, change, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    /// <summary>Writes the change if it still has the ETag it was read with; <see cref="StoreError.PreconditionFailed"/> otherwise.</summary>
    public async Task<Change> ReplaceAsync(Change change, CancellationToken cancellationToken)
    {
        change.RefreshDerived();
        var stored = await _changes.ReplaceAsync(change.Id, change, change.ETag, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    public async Task<(IReadOnlyList<Change> Items, string? Continuation)> QueryAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var (items, continuation) = await _changes.QueryAsync(query, cancellationToken);
        return (items.Select(i => i.Value).ToList(), continuation);
    }

    public Task<long> CountAsync(IReadOnlyList<Condition> where, CancellationToken cancellationToken) => _changes.CountAsync(where, cancellationToken);

    /// <summary>Changes in the given states whose window overlaps [from, to), by start (CHG-08).</summary>
    public async Task<IReadOnlyList<Change>> OverlappingAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<ChangeState> states,
        IReadOnlyList<Condition>? also, CancellationToken cancellationToken)
    {
        var result = new List<Change>();
        await foreach (var item in _changes.QueryAllAsync(new DocumentQuery
        {
            Where =
            [
                new Compare("scheduleStart", CompareOp.LessThan, Timestamp(to)),
                new Compare("scheduleEnd", CompareOp.GreaterThan, Timestamp(from)),
                new In("state", states.Select(s => JsonValue.Create(s.ToString())).ToList()),
                .. also ?? [],
            ],
            OrderBy = [new SortKey("scheduleStart")],
            PageSize = 200,
        }, cancellationToken))
        {
            result.Add(item.Value);
        }

        return result;
    }

    /// <summary>Changes whose next timer is due, soonest first.</summary>
    public async Task<IReadOnlyList<Change>> DueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var (items, _) = await QueryAsync(new DocumentQuery
        {
            Where = [new Compare("nextTimerAt", CompareOp.LessOrEqual, Timestamp(now))],
            OrderBy = [new SortKey("nextTimerAt")],
            PageSize = limit,
        }, cancellationToken);
        return items;
    }

    private static JsonValue Timestamp(DateTimeOffset value) => JsonValue.Create(UtcTimestampConverter.Text(value));
}
