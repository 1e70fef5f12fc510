using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Storage.Cosmos;

/// <summary>Moves System.Text.Json bodies to and from the SDK's streams and strips Cosmos DB system properties.</summary>
internal static class CosmosJson
{
    private static readonly string[] SystemProperties = ["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"];

    public static MemoryStream ToStream(JsonObject body)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            body.WriteTo(writer);
        }

        stream.Position = 0;
        return stream;
    }

    public static async Task<JsonNode> ParseAsync(ResponseMessage response, CancellationToken cancellationToken) =>
        await JsonNode.ParseAsync(response.Content, cancellationToken: cancellationToken)
            ?? throw new InvalidDataException("Cosmos DB returned an empty body.");

    /// <summary>The <c>Documents</c> array of a query or change-feed page.</summary>
    public static async Task<JsonArray> DocumentsAsync(ResponseMessage response, CancellationToken cancellationToken) =>
        (await ParseAsync(response, cancellationToken))["Documents"] as JsonArray
            ?? throw new InvalidDataException("Cosmos DB returned a page without a Documents array.");

    /// <summary>A stored document as the port returns it: body without system properties, ETag from <c>_etag</c>.</summary>
    public static StoredDocument ToStored(string partitionKey, JsonNode? node, string? etag = null)
    {
        var body = node as JsonObject ?? throw new InvalidDataException("Cosmos DB returned a document that is not a JSON object.");
        etag ??= body["_etag"]?.GetValue<string>() ?? throw new InvalidDataException("Cosmos DB returned a document without _etag.");
        foreach (var property in SystemProperties)
        {
            body.Remove(property);
        }

        var id = body["id"]?.GetValue<string>() ?? throw new InvalidDataException("Cosmos DB returned a document without id.");
        return new StoredDocument(partitionKey, id, body, etag);
    }

    /// <summary>
    /// The body with <c>id</c> and <c>pk</c> stamped, as both adapters store it. The store owns a body it is given
    /// (<see cref="IDocumentStore.CreateAsync"/>), so it is stamped in place: no copy of the tree per write.
    /// </summary>
    public static JsonObject Stamp(JsonObject body, string partitionKey, string id)
    {
        body["id"] = id;
        body["pk"] = partitionKey;
        return body;
    }
}
