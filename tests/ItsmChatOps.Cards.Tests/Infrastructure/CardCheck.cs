using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards;

namespace ItsmChatOps.Cards.Tests.Infrastructure;

/// <summary>Renders a view model and holds the card to the same bar as the samples: official engines agree.</summary>
public static class CardCheck
{
    public static JsonObject Render(NodeOracle node, ICardModel model)
    {
        var card = SampleCards.Render(model);
        var name = (string)model.GetType().GetProperty(nameof(ICardModel.TemplateName))!.GetValue(null)!;
        var data = JsonSerializer.SerializeToNode(model, model.GetType(), CardJson.ViewModels);

        JsonAssert.Equal(node.Expand(SampleCards.Templates.Source(name), data), card);
        Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
        var validation = node.Validate(card);
        Assert.Empty(validation.Events);
        Assert.Empty(validation.FallbackEvents);
        return card;
    }

    /// <summary>The Action.Execute buttons a user can press (not the refresh action, not fallbacks).</summary>
    public static IReadOnlyList<JsonObject> Buttons(JsonObject card) => JsonAssert.Objects(card)
        .Where(o => o["type"]?.GetValue<string>() == "Action.Execute" && !(o.Parent is JsonObject && o.GetPropertyName() == "action"))
        .ToList();

    public static JsonObject Button(JsonObject card, string verb) =>
        Assert.Single(Buttons(card), b => b["verb"]?.GetValue<string>() == verb);

    /// <summary>All text a reader can see: text blocks, facts, choices, labels and button titles.</summary>
    public static string Text(JsonObject card) => string.Join("\n", JsonAssert.Objects(card)
        .SelectMany(o => new[] { "text", "title", "value", "label", "placeholder" }.Select(k => o[k]))
        .OfType<JsonValue>()
        .Select(v => v.ToString()));

    public static IReadOnlyList<JsonObject> Inputs(JsonObject card) => JsonAssert.Objects(card)
        .Where(o => o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true)
        .ToList();
}
