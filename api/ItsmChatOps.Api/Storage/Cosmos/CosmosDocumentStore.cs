using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Storage.Cosmos;

/// <summary>
/// The production store: one Cosmos DB container partitioned on <c>/pk</c>. Only stream APIs are used,
/// with System.Text.Json bodies, so the SDK's own serializer never touches a record. Status codes map to
/// <see cref="StoreError"/>; throttling (429) is retried by the SDK before a response reaches this class.
/// </summary>
public sealed partial class CosmosDocumentStore(Container container) : IDocumentStore
{
    private static readonly ItemRequestOptions NoContent = new() { EnableContentResponseOnWrite = false };

    public async Task<StoredDocument?> ReadAsync(string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        if (IsMissingDocument(response))
        {
            return null;
        }

        ThrowOnFailure(response, "read", partitionKey, id);
        return CosmosJson.ToStored(partitionKey, await CosmosJson.ParseAsync(response, cancellationToken));
    }

    public async Task<StoredDocument> CreateAsync(string partitionKey, string id, JsonObject body, CancellationToken cancellationToken = default)
    {
        var json = CosmosJson.Stamp(body, partitionKey, id);
        using var content = CosmosJson.ToStream(json);
        using var response = await container.CreateItemStreamAsync(content, new PartitionKey(partitionKey), NoContent, cancellationToken);
        ThrowOnFailure(response, "create", partitionKey, id);
        return new StoredDocument(partitionKey, id, json, response.Headers.ETag);
    }

    public async Task<StoredDocument> ReplaceAsync(string partitionKey, string id, JsonObject body, string ifMatch, CancellationToken cancellationToken = default)
    {
        var json = CosmosJson.Stamp(body, partitionKey, id);
        using var content = CosmosJson.ToStream(json);
        var options = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
        using var response = await container.ReplaceItemStreamAsync(content, id, new PartitionKey(partitionKey), options, cancellationToken);
        ThrowOnFailure(response, "replace", partitionKey, id);
        return new StoredDocument(partitionKey, id, json, response.Headers.ETag);
    }

    public async Task DeleteAsync(string partitionKey, string id, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var options = ifMatch is null ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partitionKey), options, cancellationToken);
        ThrowOnFailure(response, "delete", partitionKey, id);
    }

    public async Task<StoredDocument> CreateNumberedAsync(string counterPartitionKey, string counterId, string partitionKey,
        Func<long, (string Id, JsonObject Body)> build, CancellationToken cancellationToken = default)
    {
        var (id, body) = build(await IncrementCounterAsync(counterPartitionKey, counterId, cancellationToken));
        return await CreateAsync(partitionKey, id, body, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredDocument?>> CreateNumberedEachAsync(string counterPartitionKey, string counterId, string partitionKey,
        IReadOnlyList<(string Id, Func<long, JsonObject> Build)> items, CancellationToken cancellationToken = default)
    {
        var created = new StoredDocument?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (id, build) = items[i];
            try
            {
                created[i] = await CreateNumberedAsync(counterPartitionKey, counterId, partitionKey, n => (id, build(n)), cancellationToken);
            }
            catch (StoreException ex) when (ex.Error == StoreError.Conflict)
            {
                // Taken already: skipped, its number left unused as with a single numbered create.
            }
        }

        return created;
    }

    public async Task<long> IncrementCounterAsync(string partitionKey, string id, CancellationToken cancellationToken = default)
    {
        PatchOperation[] increment = [PatchOperation.Increment("/value", 1)];
        // A create conflict means another caller created the counter first; the next patch then finds it.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var patched = await container.PatchItemStreamAsync(id, new PartitionKey(partitionKey), increment, cancellationToken: cancellationToken);
            if (patched.IsSuccessStatusCode)
            {
                var counter = await CosmosJson.ParseAsync(patched, cancellationToken);
                return counter["value"]?.GetValue<long>() ?? throw new InvalidDataException($"Counter '{id}' has no value.");
            }

            if (!IsMissingDocument(patched))
            {
                ThrowOnFailure(patched, "increment", partitionKey, id);
            }

            using var content = CosmosJson.ToStream(CosmosJson.Stamp(new JsonObject { ["value"] = 1 }, partitionKey, id));
            using var created = await container.CreateItemStreamAsync(content, new PartitionKey(partitionKey), NoContent, cancellationToken);
            if (created.IsSuccessStatusCode)
            {
                return 1;
            }

            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                ThrowOnFailure(created, "create counter", partitionKey, id);
            }
        }

        throw new InvalidOperationException($"Counter '{id}' in '{partitionKey}' kept disappearing between create and increment.");
    }

    /// <summary>A 404 for the document itself; a 404 with a sub-status (e.g. 1003, container missing) is a failure.</summary>
    private static bool IsMissingDocument(ResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && response.Headers["x-ms-substatus"] is null or "0";

    private static void ThrowOnFailure(ResponseMessage response, string operation, string partitionKey, string id)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound when IsMissingDocument(response) =>
                new StoreException(StoreError.NotFound, $"Document '{id}' does not exist in '{partitionKey}'."),
            HttpStatusCode.Conflict => new StoreException(StoreError.Conflict, $"A document with id '{id}' already exists in '{partitionKey}'."),
            HttpStatusCode.PreconditionFailed => new StoreException(StoreError.PreconditionFailed, $"Document '{id}' has changed since it was read."),
            _ => Failure(response, $"{operation} of '{id}' in '{partitionKey}'"),
        };
    }

    /// <summary>Queries and feed reads have no document-level outcome: any failure is the service's.</summary>
    private static void EnsureSuccess(ResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response, what);
        }
    }

    private static CosmosException Failure(ResponseMessage response, string what)
    {
        var subStatus = int.TryParse(response.Headers["x-ms-substatus"], out var parsed) ? parsed : 0;
        return new CosmosException(
            $"Cosmos DB {what} failed with {(int)response.StatusCode} {response.StatusCode} (sub-status {subStatus}): {response.ErrorMessage}",
            response.StatusCode, subStatus, response.Headers.ActivityId, response.Headers.RequestCharge);
    }
}
