using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace ItsmChatOps.Cards.Tests.Infrastructure;

public static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Deep JSON equality (key order ignored), comparing both sides re-read from their text.</summary>
    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        var expectedText = expected?.ToJsonString(Indented) ?? "null";
        var actualText = actual?.ToJsonString(Indented) ?? "null";
        if (!JsonNode.DeepEquals(JsonNode.Parse(expectedText), JsonNode.Parse(actualText)))
        {
            throw new XunitException($"JSON differs.{Environment.NewLine}Expected:{Environment.NewLine}{expectedText}{Environment.NewLine}Actual:{Environment.NewLine}{actualText}");
        }
    }

    /// <summary>Every object in the tree, depth first.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.SelectMany(p => Objects(p.Value))),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };
}
