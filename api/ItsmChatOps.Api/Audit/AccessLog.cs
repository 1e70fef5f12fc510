using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Audit;

/// <summary>
/// Reads of restricted records (MGT-05, SEC-03). They are kept apart from the record so a read never
/// changes the record's ETag, and they are append-only like every event.
/// </summary>
public sealed class AccessLog(IDocumentStore store, Partitions partitions)
{
    private readonly RecordCollection<AccessEntry> _entries = new(store, partitions.For("access-log"));

    public static void DeclareIndexes(IServiceCollection services) =>
        services.AddStorageIndex("access-record", "access-log", new SortKey("recordId"), new SortKey("at"));

    public Task RecordReadAsync(string recordId, Actor actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        return _entries.CreateAsync(id, new AccessEntry { Id = id, RecordId = recordId, ActorId = actor.Id, Via = actor.Via, Channel = actor.Channel, At = at }, cancellationToken);
    }

    public async Task<IReadOnlyList<AccessEntry>> ForRecordAsync(string recordId, CancellationToken cancellationToken)
    {
        var result = new List<AccessEntry>();
        await foreach (var entry in _entries.QueryAllAsync(new DocumentQuery
        {
            Where = [new Eq("recordId", JsonValue.Create(recordId))],
            OrderBy = [new SortKey("recordId"), new SortKey("at")],
            PageSize = 500,
        }, cancellationToken))
        {
            result.Add(entry.Value);
        }

        return result;
    }

    public sealed class AccessEntry
    {
        public required string Id { get; init; }
        public required string RecordId { get; init; }
        public required string ActorId { get; init; }
        public string? Via { get; init; }
        public required Channel Channel { get; init; }
        public required DateTimeOffset At { get; init; }
    }
}
