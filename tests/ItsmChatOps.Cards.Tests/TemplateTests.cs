using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>Every template, expanded with its sample data, checked against Microsoft's own engines.</summary>
[Collection(NodeCollection.Name)]
public sealed class TemplateTests(NodeOracle node)
{
    public static TheoryData<string> Names => SampleCards.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Expand_SampleData_LeavesNoBinding(string name)
    {
        var card = SampleCards.Templates.Get(name).Expand(SampleCards.Data(name));

        Assert.NotNull(card);
        Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Expand_SampleData_EveryTextAndFactValueIsText(string name)
    {
        // A binding of a whole field to a number yields a JSON number, which renderers drop from a TextBlock or a fact.
        var card = SampleCards.Templates.Get(name).Expand(SampleCards.Data(name))!;

        var shown = JsonAssert.Objects(card)
            .SelectMany(o => new[] { o["type"]?.GetValue<string>() == "TextBlock" ? o["text"] : null, o.ContainsKey("title") && o.ContainsKey("value") && o["type"] is null ? o["value"] : null })
            .Where(n => n is not null);

        Assert.All(shown, n => Assert.Equal(System.Text.Json.JsonValueKind.String, n!.GetValueKind()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Expand_SampleData_MatchesOfficialTemplatingEngine(string name)
    {
        var template = SampleCards.Templates.Source(name);
        var data = SampleCards.Data(name);

        JsonAssert.Equal(node.Expand(template, data), SampleCards.Templates.Get(name).Expand(data));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_ExpandedSample_OfficialParserReportsNothing(string name)
    {
        var card = SampleCards.Templates.Get(name).Expand(SampleCards.Data(name))!;

        var validation = node.Validate(card);

        Assert.Equal("1.5", card["version"]?.GetValue<string>());
        Assert.Empty(validation.Events);
        Assert.Empty(validation.FallbackEvents);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Parse_WithoutActionExecute_EverySubmitCarriesAVerb(string name)
    {
        var card = SampleCards.Templates.Get(name).Expand(SampleCards.Data(name))!;

        var fallback = node.Validate(card).FallbackCard;

        var actions = JsonAssert.Objects(fallback).Where(o => o["type"]?.GetValue<string>() is { } t && t.StartsWith("Action.", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(actions, a => a["type"]!.GetValue<string>() == "Action.Execute");
        Assert.Equal(CardCheck.Buttons(card.AsObject()).Count, actions.Count(a => a["type"]!.GetValue<string>() == "Action.Submit"));
        Assert.All(actions.Where(a => a["type"]!.GetValue<string>() == "Action.Submit"),
            a => Assert.Contains(a["data"]?["verb"]?.GetValue<string>() ?? "", CardVerbs.All));
    }

    [Fact]
    public void Validate_BrokenCard_OfficialParserReportsEachProblem()
    {
        var card = JsonNode.Parse("""
            {"type":"AdaptiveCard","version":"1.5","body":[
              {"type":"TextBlock","text":"x","size":"huge"},
              {"type":"Input.Text","label":"No id"},
              {"type":"Widget"}],
             "actions":[{"type":"Action.Execute","title":"Go","verb":"incident.view","role":"Button"}]}
            """)!;

        var validation = node.Validate(card);

        Assert.Equal(4, validation.Events.Count);
        Assert.Contains(validation.Events, e => e.Contains("version 1.6", StringComparison.Ordinal));
        Assert.Empty(validation.FallbackCard["actions"]?.AsArray() ?? []);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Template_EveryExecute_HasSubmitFallbackWithTheSameTitleAndData(string name)
    {
        var executes = JsonAssert.Objects(SampleCards.Templates.Source(name))
            .Where(o => o["type"]?.GetValue<string>() == "Action.Execute" && !IsRefreshAction(o))
            .ToList();

        Assert.All(executes, execute =>
        {
            var fallback = execute["fallback"]?.AsObject();
            Assert.NotNull(fallback);
            Assert.Equal("Action.Submit", fallback["type"]?.GetValue<string>());
            Assert.Equal(execute["title"]?.ToJsonString(), fallback["title"]?.ToJsonString());
            JsonAssert.Equal(execute["data"], fallback["data"]);
            Assert.Equal(execute["associatedInputs"]?.ToJsonString(), fallback["associatedInputs"]?.ToJsonString());
        });
    }

    /// <summary>The refresh action is invoked by Teams itself; clients without Action.Execute never refresh.</summary>
    private static bool IsRefreshAction(JsonObject action) => action.Parent is JsonObject && action.GetPropertyName() == "action";

    [Theory]
    [MemberData(nameof(Names))]
    public void Template_EveryExecute_RepeatsItsVerbInData(string name)
    {
        var executes = JsonAssert.Objects(SampleCards.Templates.Source(name)).Where(o => o["type"]?.GetValue<string>() == "Action.Execute");

        // Data bound as a whole (message's ${action.data}) is checked when rendered, against CardVerbs.All.
        Assert.All(executes.Where(e => e["data"] is JsonObject), e => Assert.Equal(e["verb"]?.ToJsonString(), e["data"]!["verb"]?.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Template_Verbs_AreAllRouted(string name)
    {
        var verbs = SampleCards.Templates.VerbsOf(name);

        Assert.All(verbs, v => Assert.Contains(v, CardVerbs.All));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_SampleViewModel_ProducesTheSampleCard(string name)
    {
        var rendered = SampleCards.Render(SampleCards.Model(name));

        JsonAssert.Equal(SampleCards.Templates.Get(name).Expand(SampleCards.Data(name)), rendered);
    }
}
