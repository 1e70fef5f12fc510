using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Storage.Cosmos;

public sealed partial class CosmosDocumentStore
{
    public async Task<QueryPage> QueryAsync(string partitionKey, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        var definition = new CosmosQueryBuilder().Select(partitionKey, query);
        var items = (await RunAsync(partitionKey, definition, cancellationToken))
            .Select(node => CosmosJson.ToStored(partitionKey, node))
            .ToList();
        if (items.Count <= query.PageSize)
        {
            return new QueryPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new QueryPage(items, KeysetContinuation.Encode(query.OrderBy, items[^1]));
    }

    public async Task<long> CountAsync(string partitionKey, IReadOnlyList<Condition> where, CancellationToken cancellationToken = default)
    {
        var definition = new CosmosQueryBuilder().Count(partitionKey, where);
        var values = await RunAsync(partitionKey, definition, cancellationToken);
        return values.Sum(v => v?.GetValue<long>() ?? 0);
    }

    public async Task<ChangeFeedPage> ReadChangeFeedAsync(string partitionKey, string? continuation, int maxItems, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var start = continuation is null
            ? ChangeFeedStartFrom.Beginning(FeedRange.FromPartitionKey(new PartitionKey(partitionKey)))
            : ChangeFeedStartFrom.ContinuationToken(FeedContinuation.Decode(partitionKey, continuation));
        using var iterator = container.GetChangeFeedStreamIterator(start, ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = maxItems });
        using var response = await iterator.ReadNextAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new ChangeFeedPage([], continuation ?? FeedContinuation.Encode(partitionKey, response.ContinuationToken));
        }

        EnsureSuccess(response, $"change feed read of '{partitionKey}'");
        var items = Detach(await CosmosJson.DocumentsAsync(response, cancellationToken))
            .Select(node => CosmosJson.ToStored(partitionKey, node))
            .ToList();
        return new ChangeFeedPage(items, FeedContinuation.Encode(partitionKey, response.ContinuationToken));
    }

    /// <summary>Every result of a single-partition query, across however many pages the SDK fetches.</summary>
    private async Task<List<JsonNode?>> RunAsync(string partitionKey, QueryDefinition definition, CancellationToken cancellationToken)
    {
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey), EnableOptimisticDirectExecution = true };
        using var iterator = container.GetItemQueryStreamIterator(definition, continuationToken: null, options);
        var results = new List<JsonNode?>();
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            EnsureSuccess(response, $"query \"{definition.QueryText}\" in '{partitionKey}'");
            results.AddRange(Detach(await CosmosJson.DocumentsAsync(response, cancellationToken)));
        }

        return results;
    }

    /// <summary>The page's documents, detached from the parsed page so callers own them.</summary>
    private static List<JsonNode?> Detach(JsonArray documents)
    {
        var nodes = documents.ToList();
        documents.Clear();
        return nodes;
    }

    /// <summary>
    /// The change-feed continuation handed to callers: the SDK's token bound to the partition key it was
    /// issued for, so a token from one partition cannot read another's feed.
    /// </summary>
    private static class FeedContinuation
    {
        public static string Encode(string partitionKey, string sdkToken) =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonArray(partitionKey, sdkToken).ToJsonString()));

        public static string Decode(string partitionKey, string continuation)
        {
            try
            {
                if (JsonNode.Parse(Base64Url.DecodeFromChars(continuation)) is JsonArray { Count: 2 } pair
                    && pair[0] is JsonValue pk && pk.TryGetValue<string>(out var issuedFor) && issuedFor == partitionKey
                    && pair[1] is JsonValue token && token.TryGetValue<string>(out var sdkToken))
                {
                    return sdkToken;
                }
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                throw Invalid(ex);
            }

            throw Invalid(null);
        }

        private static StoreException Invalid(Exception? inner) =>
            new(StoreError.InvalidContinuation, "The change feed continuation is not valid for this partition.", inner);
    }
}
