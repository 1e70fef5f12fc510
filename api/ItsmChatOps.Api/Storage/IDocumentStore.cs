using System.Text.Json.Nodes;

namespace ItsmChatOps.Api.Storage;

/// <summary>
/// The storage port. It speaks Cosmos DB's language on purpose: JSON documents with an id, a partition
/// key and an ETag; point reads; create; replace-if-match; queries inside one partition with keyset
/// paging; an ordered change feed per partition; atomic counters. Two adapters implement it (SQLite,
/// the embedded default, and Cosmos DB) and one contract suite runs against both.
/// </summary>
/// <remarks>
/// Errors are <see cref="StoreException"/> with a <see cref="StoreError"/>: a missing document on
/// replace or delete is <see cref="StoreError.NotFound"/>, an existing id on create is
/// <see cref="StoreError.Conflict"/>, a stale ETag is <see cref="StoreError.PreconditionFailed"/>.
/// Point reads of a missing document return null rather than throwing.
/// A body handed to a write belongs to the store from then on: it is stamped with <c>id</c> and <c>pk</c>
/// in place (no copy per write) and returned as the stored body, so callers build a fresh one per write.
/// </remarks>
public interface IDocumentStore
{
    /// <summary>Point read; null when the document does not exist.</summary>
    Task<StoredDocument?> ReadAsync(string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>Creates the document; <see cref="StoreError.Conflict"/> when the id is taken in that partition.</summary>
    Task<StoredDocument> CreateAsync(string partitionKey, string id, JsonObject body, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the document only if its current ETag equals <paramref name="ifMatch"/>;
    /// <see cref="StoreError.PreconditionFailed"/> otherwise, <see cref="StoreError.NotFound"/> when it is gone.
    /// </summary>
    Task<StoredDocument> ReplaceAsync(string partitionKey, string id, JsonObject body, string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document; with <paramref name="ifMatch"/> only if the ETag still matches.</summary>
    Task DeleteAsync(string partitionKey, string id, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>A page of documents of one partition that match the query, in the query's order.</summary>
    Task<QueryPage> QueryAsync(string partitionKey, DocumentQuery query, CancellationToken cancellationToken = default);

    /// <summary>The number of documents of one partition that match every condition.</summary>
    Task<long> CountAsync(string partitionKey, IReadOnlyList<Condition> where, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically adds one to the counter document <paramref name="id"/> (created at 0 when missing) and
    /// returns the new value. Concurrent callers never get the same value.
    /// </summary>
    Task<long> IncrementCounterAsync(string partitionKey, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the next value of a counter (as <see cref="IncrementCounterAsync"/>) and creates the document
    /// <paramref name="build"/> makes from it. SQLite does both in one transaction, so a failed create
    /// (<see cref="StoreError.Conflict"/>) takes no number; Cosmos DB has no cross-document transaction here,
    /// so there a failed create leaves its number unused, as a separate increment would.
    /// </summary>
    Task<StoredDocument> CreateNumberedAsync(string counterPartitionKey, string counterId, string partitionKey,
        Func<long, (string Id, JsonObject Body)> build, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates several documents with their ids known in advance, each numbered by the counter in list order
    /// (as <see cref="CreateNumberedAsync"/> one after the other); an id already taken is skipped (null in the
    /// result, at its index) without stopping the others. SQLite writes them all in one transaction and a skipped
    /// one takes no number; on Cosmos DB each is its own write, as with <see cref="CreateNumberedAsync"/>.
    /// </summary>
    Task<IReadOnlyList<StoredDocument?>> CreateNumberedEachAsync(string counterPartitionKey, string counterId, string partitionKey,
        IReadOnlyList<(string Id, Func<long, JsonObject> Build)> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Documents of one partition changed after <paramref name="continuation"/> (null: from the beginning),
    /// oldest change first, each at its latest version (a document changed twice between reads appears
    /// once). The returned continuation resumes after the last item; it is unchanged when nothing is new.
    /// </summary>
    Task<ChangeFeedPage> ReadChangeFeedAsync(string partitionKey, string? continuation, int maxItems, CancellationToken cancellationToken = default);
}

/// <summary>A document with its system properties. <see cref="Body"/> never contains store-internal fields.</summary>
public sealed record StoredDocument(string PartitionKey, string Id, JsonObject Body, string ETag);

/// <summary>One page of a query; <see cref="Continuation"/> is null on the last page.</summary>
public sealed record QueryPage(IReadOnlyList<StoredDocument> Items, string? Continuation);

/// <summary>One page of a change feed.</summary>
public sealed record ChangeFeedPage(IReadOnlyList<StoredDocument> Items, string Continuation);

public enum StoreError
{
    NotFound,
    Conflict,
    PreconditionFailed,
    InvalidContinuation,
}

public sealed class StoreException(StoreError error, string message, Exception? inner = null) : Exception(message, inner)
{
    public StoreError Error { get; } = error;
}
