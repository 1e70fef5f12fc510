using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>
/// Knowledge cards in each of their views, checked against the official JS templating engine and parser: sources open
/// the item in the chat (no link to the API's JSON), the agent's suggested fixes apply only what can be applied, the
/// known error opens its KB entry, and a decided problem candidate shows who decided it to every problem manager.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class KnowledgeCardTests(NodeOracle node)
{
    private static readonly KnowledgeAnswerCard Answer = (KnowledgeAnswerCard)SampleCards.Model("kb-answer");
    private static readonly SuggestedFixesCard Fixes = (SuggestedFixesCard)SampleCards.Model("suggested-fixes");
    private static readonly ProblemCandidateCard Candidate = (ProblemCandidateCard)SampleCards.Model("problem-candidate");

    [Fact]
    [Trait("Requirement", "KB-01")]
    [Trait("Requirement", "KB-07")]
    public void RenderAnswer_Sources_OpenTheItemInTheChat_NoUrlToTheApi()
    {
        var card = CardCheck.Render(node, Answer);

        var opens = CardCheck.Buttons(card).Where(b => b["verb"]!.GetValue<string>() == CardVerbs.KnowledgeOpen).ToList();
        Assert.Equal(Answer.Sources.Select(s => s.Id), opens.Select(b => b["data"]!["itemId"]!.GetValue<string>()));
        Assert.All(opens, b => Assert.Equal("KnowledgeItem", b["data"]!["source"]!.GetValue<string>()));
        Assert.DoesNotContain("/api/", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Action.OpenUrl", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "INC-09")]
    public void RenderFixes_ForAnIncident_ScoresApplyForItems_OpenOnlyForAResolvedIncident()
    {
        var model = Fixes with
        {
            IncidentId = "INC-001150",
            IncidentNumber = "INC-001150",
            Fixes = [Fixes.Fixes[0], new SuggestedFixView("INC-000980", "Resolved incident", "VPN drops at the airport", "Reinstalled the client.", "ResolvedIncident", 55, false)],
        };

        var card = CardCheck.Render(node, model);

        Assert.Contains("Suggested fixes for INC-001150", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Contains("match 92%", CardCheck.Text(card), StringComparison.Ordinal);
        var apply = CardCheck.Button(card, CardVerbs.KnowledgeApply);
        Assert.Equal(Fixes.Fixes[0].Id, apply["data"]!["itemId"]!.GetValue<string>());
        Assert.Equal("INC-001150", apply["data"]!["incidentId"]!.GetValue<string>());
        var opens = CardCheck.Buttons(card).Where(b => b["verb"]!.GetValue<string>() == CardVerbs.KnowledgeOpen).ToList();
        Assert.Equal(["KnowledgeItem", "ResolvedIncident"], opens.Select(b => b["data"]!["source"]!.GetValue<string>()));
        Assert.DoesNotContain(CardCheck.Buttons(card), b => b["verb"]!.GetValue<string>() == CardVerbs.KnowledgeSolved);
    }

    [Fact]
    [Trait("Requirement", "KB-08")]
    public void RenderFixes_SelfHelp_SolvedAndReadForEachItem_NoApply()
    {
        var card = CardCheck.Render(node, Fixes);

        Assert.Equal(Fixes.Fixes.Count, CardCheck.Buttons(card).Count(b => b["verb"]!.GetValue<string>() == CardVerbs.KnowledgeSolved));
        Assert.Equal(Fixes.Fixes.Count, CardCheck.Buttons(card).Count(b => b["verb"]!.GetValue<string>() == CardVerbs.KnowledgeOpen));
        Assert.DoesNotContain(CardCheck.Buttons(card), b => b["verb"]!.GetValue<string>() == CardVerbs.KnowledgeApply);
    }

    [Fact]
    [Trait("Requirement", "KB-05")]
    [Trait("Requirement", "PRB-08")]
    public void RenderKnownError_ForTheAssignee_ApplyAndReadTheEntry()
    {
        var model = (KnownErrorCard)SampleCards.Model("known-error");

        var card = CardCheck.Render(node, model);

        Assert.Equal(model.IncidentId, CardCheck.Button(card, CardVerbs.KnowledgeApply)["data"]!["incidentId"]!.GetValue<string>());
        Assert.Equal(model.WorkaroundItemId, CardCheck.Button(card, CardVerbs.KnowledgeOpen)["data"]!["itemId"]!.GetValue<string>());
        Assert.Contains(model.Workaround!, CardCheck.Text(card), StringComparison.Ordinal);
        Assert.False(CardCheck.Render(node, model with { IncidentId = null }).ToJsonString().Contains(CardVerbs.KnowledgeApply, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    public void RenderItem_StepsNumbered_RetiredWarned_FeedbackOnTheItem()
    {
        var model = (KnowledgeItemCard)SampleCards.Model("knowledge-item");

        var card = CardCheck.Render(node, model);
        var retired = CardCheck.Render(node, model with { Retired = true, Steps = [], Symptoms = null });

        Assert.Contains("1. Close Outlook.", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Contains("4. Start Outlook and sign in once.", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("retired", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Contains("This item is retired", CardCheck.Text(retired), StringComparison.Ordinal);
        Assert.DoesNotContain("Steps", CardCheck.Text(retired), StringComparison.Ordinal);
        Assert.All(CardCheck.Buttons(card), b => Assert.Equal(model.Id, b["data"]!["itemId"]!.GetValue<string>()));
        Assert.Equal(2, CardCheck.Buttons(card).Count(b => b["verb"]!.GetValue<string>() == CardVerbs.KnowledgeFeedback));
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public void RenderCandidate_DecidedByAnother_OutcomeAndWhoDecided_NoButtons()
    {
        var accepted = CardCheck.Render(node, Candidate with { Decision = "Accepted", ProblemNumber = "PRB-000031", DecidedBy = "Paula Problem" });
        var late = CardCheck.Render(node, Candidate with
        {
            Decision = "Dismissed", DismissReason = "Toner batch replaced", SuppressedUntil = new DateTimeOffset(2026, 3, 23, 0, 0, 0, TimeSpan.Zero),
            DecidedBy = "Pete Problem", Notice = "Nothing changed: Pete Problem already dismissed this cluster.",
        });

        Assert.Contains("Accepted: problem PRB-000031 was created", CardCheck.Text(accepted), StringComparison.Ordinal);
        Assert.Contains("Decided by Paula Problem.", CardCheck.Text(accepted), StringComparison.Ordinal);
        Assert.Empty(CardCheck.Buttons(accepted));
        Assert.Contains("Nothing changed: Pete Problem already dismissed this cluster.", CardCheck.Text(late), StringComparison.Ordinal);
        Assert.Contains("Dismissed: Toner batch replaced", CardCheck.Text(late), StringComparison.Ordinal);
        Assert.Empty(CardCheck.Buttons(late));
        Assert.Empty(CardCheck.Inputs(late));
    }
}
