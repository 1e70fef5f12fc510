using System.Text.Json.Nodes;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Records;

/// <summary>
/// The parts every numbered process record's store shares: human-readable numbers (<c>KB-000001</c>),
/// point reads, create and replace-if-match (which wake the event relay), queries in the record
/// type's partition, due timers through a <c>nextTimerAt</c> index, and the read–apply–write loop.
/// Feature stores compose it and add their intention-revealing queries.
/// </summary>
public sealed class NumberedRecords<T>(IDocumentStore store, Partitions partitions, EventRelaySignal relay, string recordType, string prefix)
    where T : RecordDocument
{
    private const int MaxWriteAttempts = 5;
    private readonly RecordCollection<T> _records = new(store, partitions.For(recordType));
    private readonly string _counters = partitions.For("counter");

    public async Task<string> NextIdAsync(CancellationToken cancellationToken)
    {
        var number = await store.IncrementCounterAsync(_counters, recordType, cancellationToken);
        return $"{prefix}-{number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";
    }

    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken) =>
        id.StartsWith(prefix + "-", StringComparison.Ordinal) ? (await _records.GetAsync(id, cancellationToken))?.Value : null;

    public async Task<T> CreateAsync(T record, CancellationToken cancellationToken)
    {
        var stored = await _records.CreateAsync(record.Id, record, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    /// <summary>Writes the record if it still has the ETag it was read with; <see cref="StoreError.PreconditionFailed"/> otherwise.</summary>
    public async Task<T> ReplaceAsync(T record, CancellationToken cancellationToken)
    {
        var stored = await _records.ReplaceAsync(record.Id, record, record.ETag, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    /// <summary>
    /// Reads, applies a change and writes. With the client's If-Match a concurrent change is 412; without,
    /// the change is applied again to the fresh version (for changes that do not depend on what the client saw).
    /// </summary>
    public async Task<T> ChangeAsync(string id, string? ifMatch, Func<string, CancellationToken, Task<T>> read, Func<T, Task> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await read(id, cancellationToken);
            ETags.Require(ifMatch, record.ETag, id);
            await apply(record);
            try
            {
                return await ReplaceAsync(record, cancellationToken);
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed && ifMatch is null && attempt < MaxWriteAttempts)
            {
                // Someone wrote between our read and write; apply the change again to their version.
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed)
            {
                throw Problems.StaleETag(id);
            }
        }
    }

    public async Task<(IReadOnlyList<T> Items, string? Continuation)> QueryAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var (items, continuation) = await _records.QueryAsync(query, cancellationToken);
        return (items.Select(i => i.Value).ToList(), continuation);
    }

    public async IAsyncEnumerable<T> QueryAllAsync(DocumentQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _records.QueryAllAsync(query, cancellationToken))
        {
            yield return item.Value;
        }
    }

    /// <summary>Records whose <c>nextTimerAt</c> is due, soonest first.</summary>
    public async Task<IReadOnlyList<T>> DueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        (await QueryAsync(new DocumentQuery
        {
            Where = [new Compare("nextTimerAt", CompareOp.LessOrEqual, JsonValue.Create(Client.UtcTimestampConverter.Text(now)))],
            OrderBy = [new SortKey("nextTimerAt")],
            PageSize = limit,
        }, cancellationToken)).Items;
}

public static class NumberedRecords
{
    /// <summary>Declares the updated-at and timer indexes the shared queries of <see cref="NumberedRecords{T}"/> use.</summary>
    public static void DeclareIndexes(IServiceCollection services, string recordType)
    {
        services.AddStorageIndex($"{recordType}-updated", recordType, new SortKey("updatedAt", Descending: true));
        services.AddStorageIndex($"{recordType}-timer", recordType, new SortKey("nextTimerAt"));
    }
}
