using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Cards;

/// <summary>Binds a view model to its template and returns the Adaptive Card, ready to be an attachment.</summary>
public sealed class CardRenderer(CardTemplates templates)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    private static readonly ConcurrentDictionary<Type, string> TemplateNames = new();

    public JsonObject Render<TModel>(TModel model) where TModel : ICardModel => Render(model, TModel.TemplateName);

    /// <summary>Renders a view model known only as <see cref="ICardModel"/> (what a flow returns) with its type's template.</summary>
    public JsonObject Render(ICardModel model) => Render(model, TemplateNames.GetOrAdd(model.GetType(), TemplateNameOf));

    /// <summary>The card wrapped as a Bot Framework attachment.</summary>
    public JsonObject RenderAttachment<TModel>(TModel model) where TModel : ICardModel =>
        new() { ["contentType"] = ContentType, ["content"] = Render(model) };

    private JsonObject Render(object model, string templateName)
    {
        var data = JsonSerializer.SerializeToNode(model, model.GetType(), CardJson.ViewModels);
        var card = templates.Get(templateName).Expand(data) as JsonObject
            ?? throw new InvalidOperationException($"The card template {templateName} produced no card.");
        var unrouted = CardVerbs.In(card).Where(v => !CardVerbs.All.Contains(v)).Distinct().ToList();
        if (unrouted.Count > 0)
        {
            throw new InvalidOperationException(
                $"The card {templateName} would send verbs the bot does not route: {string.Join(", ", unrouted)}.");
        }

        return card;
    }

    // ICardModel.TemplateName is static: a model's runtime type names its template.
    private static string TemplateNameOf(Type type) =>
        type.GetProperty(nameof(ICardModel.TemplateName), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
        ?? throw new InvalidOperationException($"{type.Name} does not name its card template.");
}
