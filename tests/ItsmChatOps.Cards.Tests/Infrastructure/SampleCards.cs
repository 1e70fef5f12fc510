using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards;

namespace ItsmChatOps.Cards.Tests.Infrastructure;

/// <summary>The card templates, their view-model types and the sample data in cards/teams.</summary>
public static class SampleCards
{
    public static CardTemplates Templates { get; } = new();

    /// <summary>Every view model in the bot, by the template it binds to.</summary>
    public static IReadOnlyDictionary<string, Type> ViewModels { get; } = typeof(ICardModel).Assembly.GetTypes()
        .Where(t => t.IsClass && t.IsAssignableTo(typeof(ICardModel)))
        .ToDictionary(t => (string)t.GetProperty(nameof(ICardModel.TemplateName), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);

    public static TheoryData<string> Names => new(Templates.Names.Order(StringComparer.Ordinal));

    public static JsonObject Data(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SampleData", $"{name}.data.json")))!.AsObject();

    public static IEnumerable<string> DataFileNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "SampleData"), "*.data.json")
            .Select(f => Path.GetFileName(f)[..^".data.json".Length]);

    /// <summary>The sample data read into its view model, as the bot would build it.</summary>
    public static ICardModel Model(string name) =>
        (ICardModel)JsonSerializer.Deserialize(Data(name), ViewModels[name], CardJson.ViewModels)!;

    /// <summary>Renders any view model as the bot does, through <see cref="CardRenderer.Render(ICardModel)"/>.</summary>
    public static JsonObject Render(ICardModel model) => new CardRenderer(Templates).Render(model);
}
