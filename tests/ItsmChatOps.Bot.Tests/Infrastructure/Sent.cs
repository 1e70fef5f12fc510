using System.Text.Json;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Reading what the bot sent: the card or text of a Connector call or an invoke response, and where it went.</summary>
public static class Sent
{
    /// <summary>The Adaptive Card of an outgoing activity, or null when it carries none.</summary>
    public static JsonElement? Card(this RecordedRequest request) =>
        request.Body.Length > 0 && request.Json.TryGetProperty("attachments", out var attachments) && attachments.GetArrayLength() > 0
            ? attachments[0].GetProperty("content")
            : null;

    public static string? Text(this RecordedRequest request) =>
        request.Body.Length > 0 && request.Json.TryGetProperty("text", out var text) ? text.GetString() : null;

    /// <summary>Everything a person would read in the activity: its text and every string of its card.</summary>
    public static string Words(this RecordedRequest request) => string.Join(" ", new[] { request.Text() ?? string.Empty }.Concat(request.Card() is { } card ? Strings(card) : []));

    public static string Words(this JsonElement card) => string.Join(" ", Strings(card));

    /// <summary>The id of the activity a call created or replaced, as the Connector answered it.</summary>
    public static string ActivityId(this RecordedRequest request) => JsonDocument.Parse(request.ResponseBody).RootElement.GetProperty("id").GetString()!;

    public static bool IsTo(this RecordedRequest request, string conversationId) =>
        request.Uri.AbsolutePath.Contains($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/", StringComparison.Ordinal);

    /// <summary>The card of an invoke response (<c>application/vnd.microsoft.card.adaptive</c>).</summary>
    public static JsonElement InvokeCard(this InvokeResponse? response)
    {
        var body = JsonSerializer.SerializeToElement(response?.Body, ProtocolJson.Options);
        Assert.Equal(AdaptiveCardInvokeResponse.CardType, body.GetProperty("type").GetString());
        return body.GetProperty("value");
    }

    /// <summary>The text of an invoke response (<c>application/vnd.microsoft.activity.message</c>).</summary>
    public static string InvokeText(this InvokeResponse? response)
    {
        var body = JsonSerializer.SerializeToElement(response?.Body, ProtocolJson.Options);
        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, body.GetProperty("type").GetString());
        return body.GetProperty("value").GetString()!;
    }

    /// <summary>The data of the card button sending <paramref name="verb"/> (its id, ETag and idempotency key).</summary>
    public static JsonElement ButtonData(this JsonElement card, string verb) =>
        Elements(card).First(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("verb", out var v) && v.GetString() == verb
            && e.TryGetProperty("data", out _)).GetProperty("data");

    public static bool HasButton(this JsonElement card, string verb) =>
        Elements(card).Any(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("verb", out var v) && v.GetString() == verb && e.TryGetProperty("type", out _));

    /// <summary>The text, title and value strings anywhere in a card: what it shows, its buttons and its prefilled inputs.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => Elements(element)
        .Where(e => e.ValueKind == JsonValueKind.Object)
        .SelectMany(e => e.EnumerateObject())
        .Where(p => p.Name is "text" or "title" or "value" && p.Value.ValueKind == JsonValueKind.String)
        .Select(p => p.Value.GetString()!);

    private static IEnumerable<JsonElement> Elements(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Elements(child))
            {
                yield return descendant;
            }
        }
    }
}
