using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>Knowledge items in their partition (KB-nnnnnn), plus the lists the API and the index read.</summary>
public sealed class KnowledgeStore(IDocumentStore store, Partitions partitions, EventRelaySignal relay)
{
    public NumberedRecords<KnowledgeItem> Items { get; } = new(store, partitions, relay, KnowledgeItem.Type, "KB");

    public static void DeclareIndexes(IServiceCollection services) => NumberedRecords.DeclareIndexes(services, KnowledgeItem.Type);

    /// <summary>Every item, most recently changed first (index builds, lists and reports).</summary>
    public IAsyncEnumerable<KnowledgeItem> AllAsync(CancellationToken cancellationToken) =>
        Items.QueryAllAsync(new DocumentQuery { OrderBy = [new SortKey("updatedAt", Descending: true)], PageSize = 500 }, cancellationToken);

    public Task<(IReadOnlyList<KnowledgeItem> Items, string? Continuation)> PageAsync(IReadOnlyList<Condition> where, int size, string? continuation, CancellationToken cancellationToken) =>
        Items.QueryAsync(new DocumentQuery { Where = where, OrderBy = [new SortKey("updatedAt", Descending: true)], PageSize = size, Continuation = continuation }, cancellationToken);
}
