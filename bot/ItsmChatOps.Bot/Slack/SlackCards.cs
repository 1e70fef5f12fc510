using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.Templating;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// The Block Kit counterpart of every card: <c>cards/slack/&lt;template&gt;.json</c>, bound from the same view model
/// with the same template expander. A template is a message (<c>{text, blocks}</c>) or a modal
/// (<c>{type: "modal", ...}</c>); a modal may have a <c>&lt;template&gt;.message.json</c> posted instead when Slack
/// gave no trigger to open it. After expansion, a button's <c>value</c> object is sent as its JSON, Adaptive Cards'
/// <c>{{DATE()}}</c>/<c>{{TIME()}}</c> become Slack's own date tokens, and the Block Kit limits are applied
/// (<see cref="BlockKitLimits"/>).
/// </summary>
public sealed partial class SlackCards
{
    public const string ModalTemplate = "modal";
    private const string ResourcePrefix = "cards/slack/";
    private static readonly ConcurrentDictionary<Type, string> TemplateNames = new();
    private readonly FrozenDictionary<string, CardTemplate> templates;

    public SlackCards()
    {
        var assembly = typeof(SlackCards).Assembly;
        templates = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => Path.GetFileNameWithoutExtension(n[ResourcePrefix.Length..]), n => Load(assembly, n), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => templates.Keys;

    public bool Has(ICardModel model) => templates.ContainsKey(NameOf(model));

    /// <summary>The Block Kit message or modal for <paramref name="model"/>; <paramref name="asMessage"/> asks for the message form of a modal.</summary>
    public JsonObject Render(ICardModel model, bool asMessage = false)
    {
        var name = NameOf(model);
        if (asMessage && templates.ContainsKey(name + ".message"))
        {
            name += ".message";
        }

        return Render(name, JsonSerializer.SerializeToNode(model, model.GetType(), CardJson.ViewModels));
    }

    public static bool IsModal(JsonObject rendered) => rendered["type"]?.GetValue<string>() == "modal";

    /// <summary>Expands template <paramref name="name"/> with <paramref name="data"/> and makes the result valid Block Kit.</summary>
    public JsonObject Render(string name, JsonNode? data)
    {
        var template = templates.TryGetValue(name, out var found) ? found
            : throw new ArgumentException($"There is no Slack template named '{name}'.", nameof(name));
        var view = template.Expand(data) as JsonObject ?? throw new InvalidOperationException($"The Slack template {name} produced nothing.");
        Finish(view, name);
        return BlockKitLimits.Apply(view);
    }

    private static void Finish(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["value"] is JsonObject value)
                {
                    // A button sends the verb in its value (action ids must differ within a block), else its action id.
                    var verb = value["verb"]?.GetValue<string>() ?? obj["action_id"]?.GetValue<string>();
                    if (verb is null || !CardVerbs.All.Contains(verb))
                    {
                        throw new InvalidOperationException($"The Slack template {name} would send the verb {verb}, which the bot does not route.");
                    }

                    obj["value"] = value.ToJsonString(CardJson.Compact);
                }

                if (obj["initial_options"] is JsonArray { Count: 0 })
                {
                    obj.Remove("initial_options"); // Slack refuses an empty preselection
                }

                if (obj["initial_value"] is JsonValue initial && initial.TryGetValue(out string? typed) && typed.Length == 0)
                {
                    obj.Remove("initial_value"); // nothing typed yet: no prefill
                }

                if (obj["private_metadata"] is JsonObject metadata)
                {
                    obj["private_metadata"] = metadata.ToJsonString(CardJson.Compact);
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue text && text.TryGetValue(out string? s) && s.Contains("{{", StringComparison.Ordinal))
                    {
                        obj[key] = Dates(s);
                    }
                    else
                    {
                        Finish(child, name);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Finish(item, name);
                }

                break;
        }
    }

    /// <summary>Adaptive Cards' client-side date functions as Slack's: each reader sees the time in their own zone.</summary>
    private static string Dates(string text) => DateFunction().Replace(text, m =>
    {
        if (!DateTimeOffset.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return m.Value;
        }

        var format = m.Groups[1].Value == "TIME" ? "{time}" : m.Groups[3].Value == "LONG" ? "{date_long}" : "{date_short}";
        var fallback = at.ToUniversalTime().ToString(m.Groups[1].Value == "TIME" ? "HH:mm 'UTC'" : "d MMM yyyy", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"<!date^{at.ToUnixTimeSeconds()}^{format}|{fallback}>");
    });

    private static string NameOf(ICardModel model) => TemplateNames.GetOrAdd(model.GetType(), type =>
        type.GetProperty(nameof(ICardModel.TemplateName), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
        ?? throw new InvalidOperationException($"{type.Name} does not name its card template."));

    private static CardTemplate Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var source = JsonNode.Parse(stream) ?? throw new InvalidOperationException($"The Slack template {resource} is empty.");
        try
        {
            return CardTemplate.Parse(source);
        }
        catch (TemplateException ex)
        {
            throw new InvalidOperationException($"The Slack template {resource} cannot be used: {ex.Message}", ex);
        }
    }

    [GeneratedRegex(@"\{\{(DATE|TIME)\(([0-9T:\-\.Z+]+)(?:,\s*(SHORT|LONG|COMPACT))?\)\}\}")]
    private static partial Regex DateFunction();
}
