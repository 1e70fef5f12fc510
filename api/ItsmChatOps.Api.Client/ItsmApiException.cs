using System.Net;
using System.Text.Json;

namespace ItsmChatOps.Api.Client;

/// <summary>
/// The API refused a request: the HTTP status and the ProblemDetails it sent (stable <see cref="Type"/>,
/// a sentence for people in <see cref="Detail"/>, the failing fields and requirement ids).
/// </summary>
public sealed class ItsmApiException(HttpStatusCode status, string? type, string? title, string? detail,
    IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<string> requirements)
    : Exception(detail ?? title ?? $"The API answered {(int)status}.")
{
    public HttpStatusCode Status { get; } = status;
    public string? Type { get; } = type;
    public string? Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
    public IReadOnlyList<string> Requirements { get; } = requirements;

    /// <summary>The record changed since the caller read it (412): show the current state and let them retry.</summary>
    public bool IsStale => Status == HttpStatusCode.PreconditionFailed;

    internal static async Task<ItsmApiException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray())
                : [];
            var requirements = root.TryGetProperty("requirements", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(v => v.GetString() ?? "").ToList()
                : [];
            return new ItsmApiException(response.StatusCode, Text(root, "type"), Text(root, "title"), Text(root, "detail"), errors, requirements);
        }
        catch (JsonException)
        {
            return new ItsmApiException(response.StatusCode, null, response.ReasonPhrase, body.Length > 0 ? body : null, new Dictionary<string, string[]>(), []);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
