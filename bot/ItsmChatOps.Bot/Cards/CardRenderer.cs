using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Cards;

/// <summary>Binds a view model to its template and returns the Adaptive Card, ready to be an attachment.</summary>
public sealed class CardRenderer(CardTemplates templates)
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public JsonObject Render<TModel>(TModel model) where TModel : ICardModel
    {
        var data = JsonSerializer.SerializeToNode(model, CardJson.ViewModels);
        var card = templates.Get(TModel.TemplateName).Expand(data) as JsonObject
            ?? throw new InvalidOperationException($"The card template {TModel.TemplateName} produced no card.");
        var unrouted = CardVerbs.In(card).Where(v => !CardVerbs.All.Contains(v)).Distinct().ToList();
        if (unrouted.Count > 0)
        {
            throw new InvalidOperationException(
                $"The card {TModel.TemplateName} would send verbs the bot does not route: {string.Join(", ", unrouted)}.");
        }
        return card;
    }

    /// <summary>The card wrapped as a Bot Framework attachment.</summary>
    public JsonObject RenderAttachment<TModel>(TModel model) where TModel : ICardModel =>
        new() { ["contentType"] = ContentType, ["content"] = Render(model) };
}
