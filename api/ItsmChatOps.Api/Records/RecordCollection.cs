using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Records;

/// <summary>
/// Typed access to the documents of one partition: serializes with the API's JSON conventions and
/// keeps each document's ETag beside it. Feature stores build their intention-revealing methods on it;
/// the partition key and the ETag stay explicit.
/// </summary>
public sealed class RecordCollection<T>(IDocumentStore store, string partitionKey) where T : class
{
    public string PartitionKey { get; } = partitionKey;

    public async Task<Stored<T>?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var document = await store.ReadAsync(PartitionKey, id, cancellationToken);
        return document is null ? null : Map(document);
    }

    public async Task<Stored<T>> CreateAsync(string id, T value, CancellationToken cancellationToken = default) =>
        Written(await store.CreateAsync(PartitionKey, id, Documents.Serialize(value), cancellationToken), value);

    public async Task<Stored<T>> ReplaceAsync(string id, T value, string ifMatch, CancellationToken cancellationToken = default) =>
        Written(await store.ReplaceAsync(PartitionKey, id, Documents.Serialize(value), ifMatch, cancellationToken), value);

    public Task DeleteAsync(string id, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(PartitionKey, id, ifMatch, cancellationToken);

    public async Task<(IReadOnlyList<Stored<T>> Items, string? Continuation)> QueryAsync(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        var page = await store.QueryAsync(PartitionKey, query, cancellationToken);
        return (page.Items.Select(Map).ToList(), page.Continuation);
    }

    /// <summary>Every document matching the query, page by page (for exports and small reference sets).</summary>
    public async IAsyncEnumerable<Stored<T>> QueryAllAsync(DocumentQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query;
        while (true)
        {
            var page = await store.QueryAsync(PartitionKey, next, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return Map(item);
            }

            if (page.Continuation is null)
            {
                yield break;
            }

            next = next with { Continuation = page.Continuation };
        }
    }

    public Task<long> CountAsync(IReadOnlyList<Condition> where, CancellationToken cancellationToken = default) =>
        store.CountAsync(PartitionKey, where, cancellationToken);

    /// <summary>The stored body is the value's own serialization, so the value stands for what was written: no need to read it back.</summary>
    private static Stored<T> Written(StoredDocument document, T value)
    {
        if (value is RecordDocument record)
        {
            record.ETag = document.ETag;
        }

        return new Stored<T>(document.Id, value, document.ETag);
    }

    private static Stored<T> Map(StoredDocument document)
    {
        var value = Documents.Deserialize<T>(document.Body);
        if (value is RecordDocument record)
        {
            record.ETag = document.ETag;
        }

        return new Stored<T>(document.Id, value, document.ETag);
    }
}

/// <summary>Serialization of stored documents with the API's JSON conventions.</summary>
public static class Documents
{
    public static JsonObject Serialize<T>(T value) => JsonSerializer.SerializeToNode(value, ItsmJson.Options)!.AsObject();

    public static T Deserialize<T>(JsonObject body) => body.Deserialize<T>(ItsmJson.Options)
        ?? throw new InvalidOperationException($"A stored {typeof(T).Name} could not be read.");
}

/// <summary>A document with the ETag of the version that was read.</summary>
public sealed record Stored<T>(string Id, T Value, string ETag);

/// <summary>Names partitions: <c>{tenantId}|{recordType}</c> (Storage/README.md).</summary>
public sealed class Partitions(string tenantId)
{
    public string TenantId { get; } = tenantId;

    public string For(string recordType) => $"{TenantId}|{recordType}";
}
