using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>
/// Every card has a Block Kit counterpart in cards/slack, bound from the same view model: the sample data of
/// each card (cards/teams/*.data.json) renders to the golden JSON beside this test, within Block Kit's limits.
/// Set UPDATE_SLACK_GOLDEN=1 to rewrite the golden files after a deliberate template change, then review the diff.
/// </summary>
public sealed class SlackCardTests
{
    private static readonly string Cards = Path.GetFullPath(Path.Combine(NodeProcess.ProjectDirectory, "..", "..", "cards"));
    private static readonly string Golden = Path.Combine(NodeProcess.ProjectDirectory, "Slack", "Golden");
    private readonly SlackCards slack = new();

    public static IReadOnlyDictionary<string, Type> ViewModels { get; } = typeof(ICardModel).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(ICardModel).IsAssignableFrom(t))
        .ToDictionary(t => (string)t.GetProperty(nameof(ICardModel.TemplateName))!.GetValue(null)!, t => t, StringComparer.Ordinal);

    public static TheoryData<string> Names => [.. ViewModels.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A card added for Teams without its Slack template fails here, so both channels get it at once.</summary>
    [Fact]
    public void Templates_EveryViewModelHasASlackTemplate()
    {
        var missing = ViewModels.Keys.Where(name => !slack.Names.Contains(name)).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(missing);
        Assert.Contains(SlackCards.ModalTemplate, slack.Names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_SampleData_GoldenBlockKitWithinLimits(string name)
    {
        var rendered = slack.Render(Sample(name));

        Assert.Empty(BlockKitRules.Violations(rendered));
        AssertGolden(name, rendered);
    }

    [Fact]
    public void Render_FormAsMessage_OpenFormButtonWithTheSummary()
    {
        var rendered = slack.Render(Sample("incident-form"), asMessage: true);

        Assert.Empty(BlockKitRules.Violations(rendered));
        AssertGolden("incident-form.message", rendered);
        Assert.Equal("incident.new", JsonNode.Parse(SlackCalls.Buttons(rendered).Single())!["verb"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    public void Render_ChangeFormAsMessage_OpenFormButtonCarriesTheIncident()
    {
        var rendered = slack.Render(Sample("change-form"), asMessage: true);

        Assert.Empty(BlockKitRules.Violations(rendered));
        AssertGolden("change-form.message", rendered);
        var open = JsonNode.Parse(SlackCalls.Buttons(rendered).Single())!;
        Assert.Equal(("change.form", "INC-000123"), (open["verb"]!.GetValue<string>(), open["incidentId"]!.GetValue<string>()));
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public void Render_ApprovalForADeputy_EveryDecisionButtonCarriesWhomTheyDecideFor()
    {
        var card = (ChangeApprovalCard)Sample("change-approval") with { ActingForId = "dana", ActingForName = "Dana Okafor" };

        var rendered = slack.Render(card);

        Assert.Empty(BlockKitRules.Violations(rendered));
        var buttons = SlackCalls.Buttons(rendered).Select(b => JsonNode.Parse(b)!).ToList();
        Assert.Equal(["change.approve", "change.reject", "change.info"], buttons.Select(b => b["verb"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal("dana", b["onBehalfOfId"]!.GetValue<string>()));
        Assert.Contains("on behalf of *Dana Okafor*", rendered.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ClosureForSomeoneElse_NoButtons()
    {
        var card = (ClosureConfirmationCard)Sample("closure-confirmation") with { ViewerCanAnswer = false };

        var rendered = slack.Render(card);

        Assert.Empty(SlackCalls.Buttons(rendered));
        Assert.Contains("Waiting for Alex Wilber to confirm", rendered.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Dates_SlackDateTokensWithFallback()
    {
        var rendered = slack.Render(Sample("incident-status")).ToJsonString(CardJson.Compact);

        Assert.Matches(@"<!date\^\d{10}\^\{date_short\}\|\d{1,2} [A-Z][a-z]{2} \d{4}>, <!date\^\d{10}\^\{time\}\|\d{2}:\d{2} UTC>", rendered);
    }

    /// <summary>A status with more updates than Slack allows blocks: cut to 50 with a last block pointing at the full record.</summary>
    [Fact]
    public void Render_TooManyUpdatesAndLongTexts_CutToTheLimitsWithANoteToTheFullRecord()
    {
        var sample = (IncidentStatusCard)Sample("incident-status");
        var notes = Enumerable.Range(1, 80).Select(i => new IncidentNote("Bob Resolver", sample.Incident.ResolutionDue!.Value, $"Update {i}: " + new string('x', 3500))).ToList();
        var card = sample with { Notes = notes, Incident = sample.Incident with { Summary = new string('S', 5000) } };

        var rendered = slack.Render(card);

        Assert.Empty(BlockKitRules.Violations(rendered));
        var blocks = rendered["blocks"]!.AsArray();
        Assert.Equal(BlockKitLimits.MessageBlocks, blocks.Count);
        var last = blocks[^1]!["elements"]![0]!["text"]!.GetValue<string>();
        Assert.Contains(BlockKitLimits.TruncatedNote, last, StringComparison.Ordinal);
        Assert.Contains(sample.Incident.Number, last, StringComparison.Ordinal);
        Assert.EndsWith("…", blocks.Select(b => b!["text"]?["text"]?.GetValue<string>()).First(t => t?.StartsWith("*SSS", StringComparison.Ordinal) == true), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "MAJ-09")]
    public void Render_CompletedReview_NoInputs_ApproveButtonUntilApproved()
    {
        var sample = (MajorIncidentReviewCard)Sample("major-incident-review");
        var at = new DateTimeOffset(2025, 11, 26, 9, 0, 0, TimeSpan.Zero);
        var completed = new CompletedReview("The runbook", "Paging was slow", "Known",
            [new CompletedReviewAction(1, "Page two people", "Mia Messaging Lead", "2025-12-09", "an improvement item once approved")], "Heidi Lead", at, null, null);

        var waiting = slack.Render(sample with { Errors = [], Completed = completed });
        var closed = slack.Render(sample with { Errors = [], Completed = completed with { ApprovedBy = "Carol Manager", ApprovedAt = at.AddHours(1) } });

        Assert.Empty(BlockKitRules.Violations(waiting));
        Assert.DoesNotContain(waiting["blocks"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "input");
        Assert.Equal(CardVerbs.MajorReviewApprove, JsonNode.Parse(SlackCalls.Buttons(waiting).Single())!["verb"]!.GetValue<string>());
        Assert.Contains("1. Page two people (owner Mia Messaging Lead, due 2025-12-09)", waiting.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(SlackCalls.Buttons(closed));
        Assert.Contains("Approved by Carol Manager", closed.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Requirement", "MAJ-07")]
    [Trait("Requirement", "SLM-13")]
    public void Render_UpdateAskingToAcknowledge_AcknowledgeButtonCarriesTheUpdate(bool asked)
    {
        var update = (MajorIncidentUpdateCard)Sample("major-incident-update") with { AskToAcknowledge = asked };

        var rendered = slack.Render(update);

        Assert.Empty(BlockKitRules.Violations(rendered));
        var verbs = SlackCalls.Buttons(rendered).Select(b => JsonNode.Parse(b)!).ToList();
        Assert.Equal(asked, verbs.Any(v => v["verb"]!.GetValue<string>() == CardVerbs.MajorAcknowledge && v["number"]!.GetValue<string>() == "2"));
    }

    [Fact]
    public void Render_LongHeaderAndButtonTexts_Cut()
    {
        var card = new MessageCard(MessageKind.Info, new string('T', 200), "x", null,
            new MessageAction(new string('B', 120), CardVerbs.IncidentNew, new Dictionary<string, string>()));

        var rendered = slack.Render(card);

        Assert.Empty(BlockKitRules.Violations(rendered));
        Assert.Equal(75, SlackButtonTitle(rendered).Length);
    }

    [Fact]
    public void Render_ButtonWithUnroutedVerb_Refused()
    {
        var card = new MessageCard(MessageKind.Info, "t", "x", null, new MessageAction("Go", "nobody.routes.this", new Dictionary<string, string>()));

        Assert.Throws<InvalidOperationException>(() => slack.Render(card));
    }

    private static string SlackButtonTitle(JsonObject rendered) =>
        rendered["blocks"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]![0]!["text"]!["text"]!.GetValue<string>();

    private static ICardModel Sample(string name) =>
        (ICardModel)JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Cards, "teams", name + ".data.json")), ViewModels[name], CardJson.ViewModels)!;

    private static void AssertGolden(string name, JsonObject rendered)
    {
        var path = Path.Combine(Golden, name + ".json");
        var json = rendered.ToJsonString(new JsonSerializerOptions(CardJson.Compact) { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_SLACK_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Golden);
            File.WriteAllText(path, json);
        }

        Assert.True(File.Exists(path), $"No golden Block Kit for {name}: run with UPDATE_SLACK_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(path), json);
    }
}
