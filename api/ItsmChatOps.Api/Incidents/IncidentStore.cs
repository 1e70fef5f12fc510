using System.Text.Json.Nodes;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Incidents;

/// <summary>Incidents in their partition: numbering, point reads, replace-if-match, monitoring dedupe keys, queues and timers.</summary>
public sealed class IncidentStore(IDocumentStore store, Partitions partitions, EventRelaySignal relay)
{
    private readonly RecordCollection<Incident> _incidents = new(store, partitions.For(Incident.Type));
    private readonly RecordCollection<DedupeEntry> _dedupe = new(store, partitions.For("incident-dedupe"));
    private readonly string _counters = partitions.For("counter");

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("incident-queue", Incident.Type, new SortKey("groupId"), new SortKey("priority"), new SortKey("createdAt"));
        services.AddStorageIndex("incident-group-open", Incident.Type, new SortKey("groupId"), new SortKey("open"), new SortKey("priority"), new SortKey("createdAt"));
        services.AddStorageIndex("incident-open", Incident.Type, new SortKey("open"), new SortKey("priority"), new SortKey("createdAt"));
        services.AddStorageIndex("incident-assignee", Incident.Type, new SortKey("assigneeId"), new SortKey("priority"), new SortKey("createdAt"));
        services.AddStorageIndex("incident-reporter", Incident.Type, new SortKey("reporterId"), new SortKey("createdAt", Descending: true));
        services.AddStorageIndex("incident-created", Incident.Type, new SortKey("createdAt", Descending: true));
        services.AddStorageIndex("incident-timer", Incident.Type, new SortKey("nextTimerAt"));
    }

    public async Task<string> NextIdAsync(CancellationToken cancellationToken) =>
        IdFor(await store.IncrementCounterAsync(_counters, Incident.Type, cancellationToken));

    /// <summary>Numbers and writes a new incident in one store write (one transaction on SQLite): <paramref name="build"/> makes it from its id.</summary>
    public async Task<Incident> CreateNumberedAsync(Func<string, Incident> build, CancellationToken cancellationToken)
    {
        Incident? built = null;
        var stored = await store.CreateNumberedAsync(_counters, Incident.Type, _incidents.PartitionKey, number =>
        {
            built = build(IdFor(number));
            built.RefreshDerived();
            return (built.Id, Documents.Serialize(built));
        }, cancellationToken);
        built!.ETag = stored.ETag;
        relay.Nudge();
        return built;
    }

    private static string IdFor(long number) => $"INC-{number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task<Incident?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _incidents.GetAsync(id, cancellationToken))?.Value;

    public async Task<Incident> CreateAsync(Incident incident, CancellationToken cancellationToken)
    {
        incident.RefreshDerived();
        var stored = await _incidents.CreateAsync(incident.Id, incident, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    /// <summary>Writes the incident if it still has the ETag it was read with; <see cref="StoreError.PreconditionFailed"/> otherwise.</summary>
    public async Task<Incident> ReplaceAsync(Incident incident, CancellationToken cancellationToken)
    {
        incident.RefreshDerived();
        var stored = await _incidents.ReplaceAsync(incident.Id, incident, incident.ETag, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    public async Task<(IReadOnlyList<Incident> Items, string? Continuation)> QueryAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var (items, continuation) = await _incidents.QueryAsync(query, cancellationToken);
        return (items.Select(i => i.Value).ToList(), continuation);
    }

    public IAsyncEnumerable<Stored<Incident>> QueryAllAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        _incidents.QueryAllAsync(query, cancellationToken);

    /// <summary>Incidents on a CI raised in [from, to): side effects of a change on it (CHG-13).</summary>
    public async Task<IReadOnlyList<string>> RaisedOnCiAsync(string ciId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var item in _incidents.QueryAllAsync(new DocumentQuery
        {
            Where =
            [
                new ArrayContains("ciIds", JsonValue.Create(ciId)),
                new Compare("createdAt", CompareOp.GreaterOrEqual, JsonValue.Create(Client.UtcTimestampConverter.Text(from))),
                new Compare("createdAt", CompareOp.LessThan, JsonValue.Create(Client.UtcTimestampConverter.Text(to))),
            ],
            OrderBy = [new SortKey("createdAt", Descending: true)],
            PageSize = 100,
        }, cancellationToken))
        {
            ids.Add(item.Id);
        }

        return ids;
    }

    /// <summary>How many open incidents name a CI, and the most urgent few (CFG-14).</summary>
    public async Task<(long Count, IReadOnlyList<string> Ids)> OpenOnCiAsync(string ciId, int take, CancellationToken cancellationToken)
    {
        IReadOnlyList<Condition> where = [new ArrayContains("ciIds", JsonValue.Create(ciId)), new Eq("open", JsonValue.Create(true))];
        var (items, _) = await _incidents.QueryAsync(new DocumentQuery
        {
            Where = where,
            OrderBy = [new SortKey("open"), new SortKey("priority"), new SortKey("createdAt")],
            PageSize = take,
        }, cancellationToken);
        return (await _incidents.CountAsync(where, cancellationToken), items.Select(i => i.Id).ToList());
    }

    /// <summary>Incidents whose next timer is due, soonest first.</summary>
    public async Task<IReadOnlyList<Incident>> DueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var (items, _) = await QueryAsync(new DocumentQuery
        {
            Where = [new Compare("nextTimerAt", CompareOp.LessOrEqual, JsonValue.Create(Client.UtcTimestampConverter.Text(now)))],
            OrderBy = [new SortKey("nextTimerAt")],
            PageSize = limit,
        }, cancellationToken);
        return items;
    }

    /// <summary>
    /// Claims a monitoring dedupe key for a new incident. Returns null when the claim succeeded, or the id
    /// of the open incident that already holds the key (alerts then add occurrences to it, INC-02).
    /// </summary>
    public async Task<string?> ClaimDedupeKeyAsync(string key, string incidentId, Func<string, Task<bool>> isOpen, CancellationToken cancellationToken)
    {
        var id = DedupeEntry.IdFor(key);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await _dedupe.GetAsync(id, cancellationToken);
            try
            {
                if (existing is null)
                {
                    await _dedupe.CreateAsync(id, new DedupeEntry { Id = id, Key = key, IncidentId = incidentId }, cancellationToken);
                    return null;
                }

                if (await isOpen(existing.Value.IncidentId))
                {
                    return existing.Value.IncidentId;
                }

                await _dedupe.ReplaceAsync(id, new DedupeEntry { Id = id, Key = key, IncidentId = incidentId }, existing.ETag, cancellationToken);
                return null;
            }
            catch (StoreException ex) when (ex.Error is StoreError.Conflict or StoreError.PreconditionFailed)
            {
                // Another alert with the same key won the race: read again and join it.
            }
        }

        throw new InvalidOperationException($"The dedupe key '{key}' is contended; retry the alert.");
    }

    public async Task<string?> IncidentForDedupeKeyAsync(string key, CancellationToken cancellationToken) =>
        (await _dedupe.GetAsync(DedupeEntry.IdFor(key), cancellationToken))?.Value.IncidentId;

    public sealed class DedupeEntry
    {
        public required string Id { get; init; }
        public required string Key { get; init; }
        public required string IncidentId { get; init; }

        public static string IdFor(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
    }
}
