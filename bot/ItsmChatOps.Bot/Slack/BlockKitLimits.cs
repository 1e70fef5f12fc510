using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// Slack refuses a message or view past the Block Kit limits, so the rendered card is cut to fit instead:
/// at most 50 blocks in a message (100 in a modal), texts cut with an ellipsis at their element's limit,
/// at most 10 fields, 25 elements in an actions block and 100 options. When blocks are dropped, the last
/// block says so and points at the full record with the template's <c>fullRecord</c> text (a link or command).
/// </summary>
public static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;
    public const int MessageText = 40000;
    public const int SectionText = 3000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int FieldText = 2000;
    public const int Fields = 10;
    public const int ActionElements = 25;
    public const int ContextElements = 10;
    public const int OptionText = 75;
    public const int Options = 100;
    public const int ModalTitle = 24;
    public const int InputLabel = 2000;
    public const int Placeholder = 150;
    public const int InitialValue = 3000;
    public const int PrivateMetadata = 3000;

    public const string TruncatedNote = "_Only the first part is shown here._";

    public static JsonObject Apply(JsonObject view)
    {
        var fullRecord = view["fullRecord"]?.GetValue<string>();
        view.Remove("fullRecord");
        var modal = view["type"]?.GetValue<string>() == "modal";
        if (view["text"] is JsonValue text && text.TryGetValue(out string? t))
        {
            view["text"] = Cut(t, MessageText);
        }

        if (modal)
        {
            CutText(view["title"], ModalTitle);
            CutText(view["submit"], ModalTitle);
            CutText(view["close"], ModalTitle);
            if (view["private_metadata"] is JsonValue metadata && metadata.GetValue<string>().Length > PrivateMetadata)
            {
                throw new InvalidOperationException("A modal's private_metadata is longer than Slack's 3000 characters.");
            }
        }

        if (view["blocks"] is JsonArray blocks)
        {
            foreach (var block in blocks.OfType<JsonObject>())
            {
                Block(block);
            }

            var max = modal ? ModalBlocks : MessageBlocks;
            if (blocks.Count > max)
            {
                while (blocks.Count > max - 1)
                {
                    blocks.RemoveAt(blocks.Count - 1);
                }

                var note = fullRecord is { Length: > 0 } ? $"{TruncatedNote} {fullRecord}" : TruncatedNote;
                blocks.Add(new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(note, FieldText) }),
                });
            }
        }

        return view;
    }

    private static void Block(JsonObject block)
    {
        switch (block["type"]?.GetValue<string>())
        {
            case "header":
                CutText(block["text"], HeaderText);
                break;
            case "section":
                CutText(block["text"], SectionText);
                if (block["fields"] is JsonArray fields)
                {
                    Keep(fields, Fields);
                    foreach (var field in fields)
                    {
                        CutText(field, FieldText);
                    }
                }

                Element(block["accessory"] as JsonObject);
                break;
            case "context":
                if (block["elements"] is JsonArray parts)
                {
                    Keep(parts, ContextElements);
                    foreach (var part in parts)
                    {
                        CutText(part, FieldText);
                    }
                }

                break;
            case "actions":
                if (block["elements"] is JsonArray elements)
                {
                    Keep(elements, ActionElements);
                    foreach (var element in elements.OfType<JsonObject>())
                    {
                        Element(element);
                    }
                }

                break;
            case "input":
                CutText(block["label"], InputLabel);
                CutText(block["hint"], InputLabel);
                Element(block["element"] as JsonObject);
                break;
        }
    }

    private static void Element(JsonObject? element)
    {
        if (element is null)
        {
            return;
        }

        CutText(element["text"], ButtonText);
        CutText(element["placeholder"], Placeholder);
        if (element["initial_value"] is JsonValue initial && initial.TryGetValue(out string? value))
        {
            element["initial_value"] = Cut(value, InitialValue);
        }

        if (element["value"] is JsonValue v && v.TryGetValue(out string? data) && data.Length > ButtonValue)
        {
            throw new InvalidOperationException($"A button's value is longer than Slack's {ButtonValue} characters.");
        }

        if (element["options"] is JsonArray options)
        {
            Keep(options, Options);
            foreach (var option in options.OfType<JsonObject>())
            {
                CutText(option["text"], OptionText);
            }
        }

        if (element["initial_option"] is JsonObject chosen)
        {
            CutText(chosen["text"], OptionText);
        }
    }

    private static void Keep(JsonArray array, int max)
    {
        while (array.Count > max)
        {
            array.RemoveAt(array.Count - 1);
        }
    }

    /// <summary>A text object (<c>{type, text}</c>): its text cut to <paramref name="max"/> characters.</summary>
    private static void CutText(JsonNode? node, int max)
    {
        if (node is JsonObject textObject && textObject["text"] is JsonValue value && value.TryGetValue(out string? text))
        {
            textObject["text"] = Cut(text, max);
        }
    }

    public static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
