using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards.Templating;

namespace ItsmChatOps.Bot.Cards;

/// <summary>
/// The Adaptive Card templates embedded from cards/teams/*.json, parsed once at start-up so a
/// template with unsupported syntax stops the bot from starting rather than failing in a chat.
/// </summary>
public sealed class CardTemplates
{
    private const string ResourcePrefix = "cards/teams/";

    private readonly FrozenDictionary<string, (JsonObject Source, CardTemplate Template)> _templates;

    public CardTemplates()
    {
        var assembly = typeof(CardTemplates).Assembly;
        _templates = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                n => Path.GetFileNameWithoutExtension(n[ResourcePrefix.Length..]),
                n => Load(assembly, n),
                StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    public CardTemplate Get(string name) => Find(name).Template;

    /// <summary>A copy of the template as written, for tools and tests.</summary>
    public JsonObject Source(string name) => (JsonObject)Find(name).Source.DeepClone();

    /// <summary>The verbs written literally in a template (bound verbs such as <c>${action.verb}</c> are checked at render).</summary>
    public IReadOnlySet<string> VerbsOf(string name) =>
        CardVerbs.In(Find(name).Source).Where(v => !v.Contains("${", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    private (JsonObject Source, CardTemplate Template) Find(string name) =>
        _templates.TryGetValue(name, out var entry)
            ? entry
            : throw new ArgumentException($"There is no card template named '{name}'.", nameof(name));

    private static (JsonObject, CardTemplate) Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var source = JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidOperationException($"The card template {resource} is not a JSON object.");
        try
        {
            return (source, CardTemplate.Parse(source));
        }
        catch (TemplateException ex)
        {
            throw new InvalidOperationException($"The card template {resource} cannot be used: {ex.Message}", ex);
        }
    }
}
