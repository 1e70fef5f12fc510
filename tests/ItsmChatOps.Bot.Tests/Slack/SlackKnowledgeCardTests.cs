using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>
/// The knowledge cards in Slack, in the views the sample data does not show: the agent's suggested fixes (apply for
/// items, open for a resolved incident), a decided problem candidate, and a long item cut to Block Kit's limits.
/// </summary>
public sealed class SlackKnowledgeCardTests
{
    private static readonly string Cards = Path.GetFullPath(Path.Combine(NodeProcess.ProjectDirectory, "..", "..", "cards"));
    private readonly SlackCards slack = new();

    [Fact]
    [Trait("Requirement", "INC-09")]
    public void SuggestedFixes_ForAnIncident_ApplyForItems_OpenForAResolvedIncident_WithinLimits()
    {
        var sample = Sample<SuggestedFixesCard>("suggested-fixes");
        var card = sample with
        {
            IncidentId = "INC-001150",
            IncidentNumber = "INC-001150",
            Fixes = [sample.Fixes[0], new SuggestedFixView("INC-000980", "Resolved incident", "VPN drops at the airport", "Reinstalled the client.", "ResolvedIncident", 55, false)],
        };

        var rendered = slack.Render(card);

        Assert.Empty(BlockKitRules.Violations(rendered));
        var values = SlackCalls.Buttons(rendered).Select(v => JsonNode.Parse(v)!).ToList();
        var apply = Assert.Single(values, v => v["verb"]!.GetValue<string>() == CardVerbs.KnowledgeApply);
        Assert.Equal(sample.Fixes[0].Id, apply["itemId"]!.GetValue<string>());
        Assert.Equal("INC-001150", apply["incidentId"]!.GetValue<string>());
        Assert.Contains(values, v => v["verb"]!.GetValue<string>() == CardVerbs.KnowledgeOpen && v["source"]!.GetValue<string>() == "ResolvedIncident");
        Assert.DoesNotContain(values, v => v["verb"]!.GetValue<string>() == CardVerbs.KnowledgeSolved);
        Assert.Contains("match 92%", rendered.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("http", rendered.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public void ProblemCandidate_Decided_OutcomeWhoAndNotice_NoButtonsNoInput()
    {
        var card = Sample<ProblemCandidateCard>("problem-candidate") with
        {
            Decision = "Dismissed", DismissReason = "Toner batch replaced", SuppressedUntil = new DateTimeOffset(2026, 3, 23, 0, 0, 0, TimeSpan.Zero),
            DecidedBy = "Pete Problem", Notice = "Nothing changed: Pete Problem already dismissed this cluster.",
        };

        var rendered = slack.Render(card);

        Assert.Empty(BlockKitRules.Violations(rendered));
        Assert.Empty(SlackCalls.Buttons(rendered));
        var text = rendered.ToJsonString();
        Assert.Contains("Dismissed: Toner batch replaced", text, StringComparison.Ordinal);
        Assert.Contains("Decided by Pete Problem.", text, StringComparison.Ordinal);
        Assert.Contains("already dismissed this cluster", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"input\"", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    public void KnowledgeItem_LongBodyAndManySteps_CutToTheLimits_FeedbackKept()
    {
        var card = Sample<KnowledgeItemCard>("knowledge-item") with
        {
            Body = new string('b', 6000),
            Steps = [.. Enumerable.Range(1, 70).Select(i => $"Step {i}")],
        };

        var rendered = slack.Render(card);

        Assert.Empty(BlockKitRules.Violations(rendered));
        Assert.Equal(BlockKitLimits.MessageBlocks, rendered["blocks"]!.AsArray().Count);
        Assert.Contains(rendered["blocks"]!.AsArray(), b => b!["text"]?["text"]?.GetValue<string>().EndsWith('…') == true);
    }

    private static T Sample<T>(string name) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Cards, "teams", name + ".data.json")), CardJson.ViewModels)!;
}
