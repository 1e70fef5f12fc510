using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>
/// Slack's Block Kit limits, written out independently of the renderer so a test can catch it exceeding one:
/// blocks per message and modal, text lengths per element, counts of fields, elements and options.
/// </summary>
public static class BlockKitRules
{
    public static IReadOnlyList<string> Violations(JsonObject view)
    {
        var found = new List<string>();
        var modal = view["type"]?.GetValue<string>() == "modal";
        var blocks = view["blocks"] as JsonArray ?? [];
        Check(found, blocks.Count <= (modal ? 100 : 50), $"{blocks.Count} blocks");
        Check(found, blocks.Count > 0, "no blocks");
        if (modal)
        {
            Check(found, Len(view["title"]?["text"]) is > 0 and <= 24, "modal title");
            Check(found, Len(view["submit"]?["text"]) <= 24 && Len(view["close"]?["text"]) <= 24, "modal buttons");
            Check(found, Len(view["private_metadata"]) <= 3000, "private_metadata");
        }
        else
        {
            Check(found, Len(view["text"]) is > 0 and <= 40000, "fallback text");
        }

        foreach (var block in blocks.OfType<JsonObject>())
        {
            var type = block["type"]?.GetValue<string>();
            Check(found, type is "section" or "header" or "context" or "actions" or "input" or "divider" or "image", $"block type {type}");
            Check(found, Len(block["block_id"]) <= 255, "block_id");
            switch (type)
            {
                case "header":
                    Check(found, block["text"]?["type"]?.GetValue<string>() == "plain_text" && Len(block["text"]?["text"]) is > 0 and <= 150, "header text");
                    break;
                case "section":
                    Check(found, block["text"] is not null || block["fields"] is not null, "section without text");
                    Check(found, Len(block["text"]?["text"]) <= 3000, "section text");
                    Check(found, block["text"] is null || Len(block["text"]?["text"]) > 0, "empty section text");
                    var fields = block["fields"] as JsonArray ?? [];
                    Check(found, fields.Count <= 10 && fields.All(f => Len(f?["text"]) is > 0 and <= 2000), "fields");
                    Element(found, block["accessory"] as JsonObject);
                    break;
                case "context":
                    var parts = block["elements"] as JsonArray ?? [];
                    Check(found, parts.Count is > 0 and <= 10 && parts.All(p => Len(p?["text"]) is > 0 and <= 2000), "context elements");
                    break;
                case "actions":
                    var elements = block["elements"] as JsonArray ?? [];
                    Check(found, elements.Count is > 0 and <= 25, "actions elements");
                    Check(found, elements.Select(e => e?["action_id"]?.GetValue<string>()).Distinct().Count() == elements.Count, "action ids not unique in a block");
                    foreach (var element in elements.OfType<JsonObject>())
                    {
                        Element(found, element);
                    }

                    break;
                case "input":
                    Check(found, Len(block["label"]?["text"]) is > 0 and <= 2000, "input label");
                    Element(found, block["element"] as JsonObject);
                    break;
            }
        }

        Check(found, !view.ToJsonString().Contains("${", StringComparison.Ordinal), "unexpanded ${");
        Check(found, !view.ToJsonString().Contains("{{DATE", StringComparison.Ordinal) && !view.ToJsonString().Contains("{{TIME", StringComparison.Ordinal), "Adaptive Cards date function");
        return found;
    }

    private static void Element(List<string> found, JsonObject? element)
    {
        if (element is null)
        {
            return;
        }

        Check(found, Len(element["action_id"]) is > 0 and <= 255, "action_id");
        Check(found, Len(element["placeholder"]?["text"]) <= 150, "placeholder");
        if (element["type"]?.GetValue<string>() == "button")
        {
            Check(found, Len(element["text"]?["text"]) is > 0 and <= 75, "button text");
            Check(found, Len(element["value"]) is > 0 and <= 2000, "button value");
            var verb = JsonNode.Parse(element["value"]!.GetValue<string>())?["verb"]?.GetValue<string>();
            Check(found, verb is not null && CardVerbs.All.Contains(verb), $"button verb {verb}");
        }

        var options = element["options"] as JsonArray;
        Check(found, options is null || (options.Count is > 0 and <= 100 && options.All(o => Len(o?["text"]?["text"]) is > 0 and <= 75 && Len(o?["value"]) is > 0 and <= 150)), "options");
        if (element["initial_option"] is JsonObject initial && options is not null)
        {
            Check(found, options.Any(o => JsonNode.DeepEquals(o, initial)), "initial_option is not one of the options");
        }
    }

    private static int Len(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s.Length : 0;

    private static void Check(List<string> found, bool ok, string what)
    {
        if (!ok)
        {
            found.Add(what);
        }
    }
}
