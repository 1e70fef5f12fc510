using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>Answers from the knowledge base in chat and self-help before the incident form, against the real API and its sample knowledge base.</summary>
[Collection(FlowCollection.Name)]
public sealed class KnowledgeChatTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task Ask_Question_AnswerCardWithSourcesFeedbackAndRaiseCarryingTheQuestion()
    {
        const string question = "how do i connect to the vpn from home";

        var (_, sent) = await flow.TurnAsync(Message(Dave, "ask " + question));

        var card = Assert.Single(sent).Card()!.Value;
        var words = card.Words();
        Assert.Contains("Sources", words, StringComparison.Ordinal);
        Assert.Contains("Connect to the VPN from home", words, StringComparison.Ordinal);
        Assert.Equal("KB-000010", card.ButtonData(CardVerbs.KnowledgeOpen).GetProperty("itemId").GetString());
        Assert.DoesNotContain("api/knowledge", card.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Open the GlobalProtect client", words, StringComparison.Ordinal);
        Assert.Equal("KB-000010", card.ButtonData(CardVerbs.KnowledgeFeedback).GetProperty("itemId").GetString());
        Assert.Equal(question, card.ButtonData(CardVerbs.KnowledgeRaiseIncident).GetProperty("question").GetString());
        Assert.False(card.HasButton(CardVerbs.IncidentCreate));
    }

    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task PlainQuestion_WithoutCommand_IsAnsweredNotRaised()
    {
        var (_, sent) = await flow.TurnAsync(Message(Dave, "where can I see my payslip?"));

        var card = Assert.Single(sent).Card()!.Value;
        Assert.Contains("View your payslip", card.Words(), StringComparison.Ordinal);
        Assert.True(card.HasButton(CardVerbs.KnowledgeFeedback));
        Assert.False(card.HasButton(CardVerbs.IncidentCreate));
        Assert.False(card.HasButton(CardVerbs.KnowledgeSolved));
    }

    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task Ask_NothingMatches_SaysItDoesNotKnowAndOffersTheIncident()
    {
        var (_, sent) = await flow.TurnAsync(Message(Dave, "ask what is the airspeed velocity of an unladen swallow"));

        var card = Assert.Single(sent).Card()!.Value;
        Assert.Contains("I don't know", card.Words(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sources", card.Words(), StringComparison.Ordinal);
        Assert.False(card.HasButton(CardVerbs.KnowledgeFeedback));
        Assert.True(card.HasButton(CardVerbs.KnowledgeRaiseIncident));
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    public async Task Customer_AsksAboutAnAgentOnlyWorkaround_NeverSeesIt_AgentDoes()
    {
        const string question = "ask shared mailbox does not appear in outlook";

        var (_, toCustomer) = await flow.TurnAsync(Message(Dave, question));
        var (_, toAgent) = await flow.TurnAsync(Message(Alice, question));

        Assert.DoesNotContain("KB-000008", Assert.Single(toCustomer).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Shared mailbox does not appear in Outlook", Assert.Single(toCustomer).Words(), StringComparison.Ordinal);
        Assert.Equal("KB-000008", Assert.Single(toAgent).Card()!.Value.ButtonData(CardVerbs.KnowledgeOpen).GetProperty("itemId").GetString());
    }

    [Fact]
    [Trait("Requirement", "KB-04")]
    public async Task DidThisHelp_ClickedTwice_OneVoteStoredWithTheQuestion()
    {
        var before = (await flow.Api.KnowledgeItemAsync("KB-000005")).Feedback;
        var vote = new { itemId = "KB-000005", helpful = "false", question = "set auto reply", idempotencyKey = Guid.NewGuid().ToString("N") };

        var (first, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.KnowledgeFeedback, vote, "answer-1"));
        var (second, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.KnowledgeFeedback, vote, "answer-1"));

        Assert.Contains("Thanks for telling us", first.InvokeText(), StringComparison.Ordinal);
        Assert.Contains("already told us", second.InvokeText(), StringComparison.Ordinal);
        var after = (await flow.Api.KnowledgeItemAsync("KB-000005")).Feedback;
        Assert.Equal((before.Helpful, before.NotHelpful + 1), (after.Helpful, after.NotHelpful));
    }

    [Fact]
    [Trait("Requirement", "KB-01")]
    public async Task RaiseAnIncident_UnderAnAnswer_PostsTheFormWithTheQuestionFilledIn()
    {
        const string question = "my second monitor stays black after docking";

        var (_, sent) = await flow.TurnAsync(Execute(Dave, CardVerbs.KnowledgeRaiseIncident, new { question }, "answer-2"));

        var form = Assert.Single(sent).Card()!.Value;
        Assert.True(form.HasButton(CardVerbs.IncidentCreate));
        Assert.Contains(question, form.Words(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Requirement", "KB-08")]
    public async Task ReportingAProblem_MatchingArticles_OfferedBeforeTheForm()
    {
        var (_, sent) = await flow.TurnAsync(Message(Dave, "outlok keeps askin for my pasword since this mornin"));

        var card = Assert.Single(sent).Card()!.Value;
        Assert.Contains("Before you raise an incident", card.Words(), StringComparison.Ordinal);
        Assert.Contains("Outlook keeps asking for your password", card.Words(), StringComparison.Ordinal);
        Assert.True(card.HasButton(CardVerbs.KnowledgeSolved));
        Assert.True(card.HasButton(CardVerbs.KnowledgeNeedHelp));
        Assert.False(card.HasButton(CardVerbs.IncidentCreate));
    }

    [Fact]
    [Trait("Requirement", "KB-08")]
    public async Task ThisSolvedIt_ClickedTwice_OneDeflectionAndNoIncident()
    {
        var before = await flow.Api.KnowledgeItemAsync("KB-000032");
        var mine = await OpenIncidentsAsync("dave@contoso.test");
        var click = new { itemId = "KB-000032", question = "second screen not detected", serviceId = "", idempotencyKey = Guid.NewGuid().ToString("N") };

        var (first, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.KnowledgeSolved, click, "offers-1"));
        var (second, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.KnowledgeSolved, click, "offers-1"));

        Assert.Contains("Glad that fixed it", first.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.Contains("Glad that fixed it", second.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.Equal(before.Deflections + 1, (await flow.Api.KnowledgeItemAsync("KB-000032")).Deflections);
        Assert.Equal(mine, await OpenIncidentsAsync("dave@contoso.test"));
    }

    [Fact]
    [Trait("Requirement", "KB-08")]
    public async Task StillNeedHelp_FormThenSubmit_ViewedItemsAttachedToTheIncident()
    {
        var summary = "Outlook asks for my password again " + Guid.NewGuid().ToString("N")[..6];
        var (shown, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.KnowledgeNeedHelp, new { question = summary, serviceId = "", itemIds = "KB-000001,KB-000023" }, "offers-2"));

        var form = shown.InvokeCard();
        Assert.True(form.HasButton(CardVerbs.IncidentCreate));
        Assert.Contains(summary, form.Words(), StringComparison.Ordinal);
        var submit = form.ButtonData(CardVerbs.IncidentCreate);
        Assert.Equal("KB-000001,KB-000023", submit.GetProperty("viewedItemIds").GetString());

        var (created, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentCreate, new
        {
            summary,
            serviceId = "svc-email",
            impact = "Low",
            urgency = "Medium",
            idempotencyKey = submit.GetProperty("idempotencyKey").GetString(),
            viewedItemIds = submit.GetProperty("viewedItemIds").GetString(),
        }, "offers-2"));

        var number = AgentSteps.NumberIn(created.InvokeCard().Words());
        using var alice = flow.Api.As("alice@contoso.test");
        var links = await alice.GetFromJsonAsync<IReadOnlyList<LinkView>>($"api/incidents/{number}/links", ItsmJson.Options);
        Assert.Equal(["KB-000001", "KB-000023"], links!.Where(l => l.Kind == "ViewedKnowledge").Select(l => l.ToId).Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "KB-05")]
    [Trait("Requirement", "KB-08")]
    public async Task ReportingAKnownProblem_ItsWorkaroundIsOfferedFirst()
    {
        var entry = await flow.Api.PublishedKnownErrorAsync(
            "Outlook calendar reminders pop up twice after the May update",
            "Every calendar reminder shows two pop-ups since the May update of Outlook.",
            "Turn off reminders in Outlook on the web; the desktop app keeps showing them once.");

        var (_, sent) = await flow.TurnAsync(Message(Dave, "every outlook reminder pops up twice since the update"));

        var card = Assert.Single(sent).Card()!.Value;
        Assert.Equal(entry, card.ButtonData(CardVerbs.KnowledgeSolved).GetProperty("itemId").GetString());
        Assert.Contains("Workaround: Turn off reminders in Outlook on the web", card.Words(), StringComparison.Ordinal);
        Assert.False(card.HasButton(CardVerbs.IncidentCreate));
    }

    [Theory]
    [InlineData("how do I set up email on my phone", true)]
    [InlineData("printer jammed again?", true)]
    [InlineData("Where's the VPN guide", true)]
    [InlineData("can't print anything", false)]
    [InlineData("outlook keeps crashing", false)]
    [InlineData("doesn't start after the update", false)]
    public void PlainText_QuestionOrReport(string text, bool question) =>
        Assert.Equal(question, ItsmBot.LooksLikeQuestion(text));

    private async Task<int> OpenIncidentsAsync(string email)
    {
        using var client = flow.Api.As(email);
        return (await client.GetFromJsonAsync<Page<IncidentSummary>>("api/incidents?mine=true&open=true&pageSize=100", ItsmJson.Options))!.Items.Count;
    }
}
