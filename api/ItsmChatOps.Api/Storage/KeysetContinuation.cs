using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Api.Storage;

/// <summary>
/// Encodes and decodes the opaque continuation of keyset paging: the sort values and the id of the
/// last item of a page, as base64url JSON. Both adapters share it, so a continuation means the same
/// thing on SQLite and on Cosmos DB.
/// </summary>
public static class KeysetContinuation
{
    public static string Encode(IReadOnlyList<SortKey> orderBy, StoredDocument last)
    {
        var values = new JsonArray();
        foreach (var key in orderBy)
        {
            values.Add(JsonPath.Read(last.Body, key.Path)?.DeepClone());
        }

        values.Add(JsonValue.Create(last.Id));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(values.ToJsonString()));
    }

    /// <summary>The sort values followed by the id; <see cref="StoreError.InvalidContinuation"/> when malformed.</summary>
    public static IReadOnlyList<JsonValue?> Decode(IReadOnlyList<SortKey> orderBy, string continuation)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(continuation);
            if (JsonNode.Parse(bytes) is JsonArray array && array.Count == orderBy.Count + 1
                && array[^1] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
            {
                return array.Select(n => n is null ? null : n as JsonValue ?? throw new FormatException()).ToList();
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            throw new StoreException(StoreError.InvalidContinuation, "The continuation token is not valid for this query.", ex);
        }

        throw new StoreException(StoreError.InvalidContinuation, "The continuation token is not valid for this query.");
    }
}

/// <summary>Reads a dotted path (<c>a.b.c</c>) from a JSON object.</summary>
public static class JsonPath
{
    public static JsonNode? Read(JsonObject body, string path)
    {
        JsonNode? node = body;
        foreach (var segment in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Validates a path: dotted identifiers only, so it can be embedded in SQL safely.</summary>
    public static string Validate(string path)
    {
        if (path.Length == 0 || path.Split('.').Any(s => s.Length == 0 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            throw new ArgumentException($"'{path}' is not a valid document path.", nameof(path));
        }

        return path;
    }
}
