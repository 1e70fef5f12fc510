using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>Closure confirmation, survey, message and help cards in each of their views.</summary>
[Collection(NodeCollection.Name)]
public sealed class FollowUpCardTests(NodeOracle node)
{
    private static readonly ClosureConfirmationCard Closure = (ClosureConfirmationCard)SampleCards.Model("closure-confirmation");
    private static readonly SatisfactionSurveyCard Survey = (SatisfactionSurveyCard)SampleCards.Model("satisfaction-survey");

    [Fact]
    [Trait("Requirement", "INC-05")]
    [Trait("Requirement", "INC-17")]
    public void RenderClosure_ReporterView_OffersConfirmAndRejectWithReason()
    {
        var card = CardCheck.Render(node, Closure);

        var confirm = CardCheck.Button(card, CardVerbs.IncidentConfirm);
        var reject = CardCheck.Button(card, CardVerbs.IncidentReject);
        Assert.Equal("Yes, it's fixed", confirm["title"]!.GetValue<string>());
        Assert.All([confirm, reject], b =>
        {
            Assert.Equal(Closure.Incident.Id, b["data"]!["incidentId"]!.GetValue<string>());
            Assert.Equal(Closure.Incident.Etag, b["data"]!["etag"]!.GetValue<string>());
            Assert.Equal(Closure.IdempotencyKey, b["data"]!["idempotencyKey"]!.GetValue<string>());
        });
        var reason = Assert.Single(CardCheck.Inputs(card));
        Assert.Equal("reason", reason["id"]!.GetValue<string>());
        Assert.True(reason["isRequired"]!.GetValue<bool>());
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public void RenderClosure_Always_RefreshesForTheReporterOnly()
    {
        var card = CardCheck.Render(node, Closure with { ViewerCanAnswer = false });

        Assert.Equal(CardVerbs.IncidentClosureRefresh, card["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal([Closure.Reporter.Id], card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void RenderClosure_ReadOnlyView_WaitsForTheReporterWithoutButtons()
    {
        var card = CardCheck.Render(node, Closure with { ViewerCanAnswer = false });

        Assert.Contains("Waiting for Alex Wilber to confirm", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Empty(CardCheck.Buttons(card));
        Assert.Empty(CardCheck.Inputs(card));
    }

    [Theory]
    [InlineData(ClosureOutcome.Confirmed, null, "Alex Wilber confirmed it's fixed")]
    [InlineData(ClosureOutcome.Rejected, "Still asks for my password twice a day", "\"Still asks for my password twice a day\"")]
    [InlineData(ClosureOutcome.TimedOut, null, "because we didn't hear back")]
    public void RenderClosure_AfterTheDecision_ShowsItToEveryoneWithoutButtons(ClosureOutcome outcome, string? reason, string expected)
    {
        var decision = new ClosureDecision(outcome, new DateTimeOffset(2025, 11, 27, 8, 0, 0, TimeSpan.Zero), reason);

        var card = CardCheck.Render(node, Closure with { Decision = decision });

        Assert.Contains(expected, CardCheck.Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Is it fixed?", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Empty(CardCheck.Buttons(card));
    }

    [Fact]
    [Trait("Requirement", "BRM-08")]
    public void RenderSurvey_Respondent_AsksForARatingFromOneToFiveAndAComment()
    {
        var card = CardCheck.Render(node, Survey);

        var inputs = CardCheck.Inputs(card).ToDictionary(i => i["id"]!.GetValue<string>());
        Assert.Equal(["5", "4", "3", "2", "1"], inputs["rating"]["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.True(inputs["rating"]["isRequired"]!.GetValue<bool>());
        Assert.False(inputs["comment"]["isRequired"]?.GetValue<bool>() ?? false);
        Assert.Equal(Survey.SurveyId, CardCheck.Button(card, CardVerbs.SurveySubmit)["data"]!["surveyId"]!.GetValue<string>());
        Assert.Equal([Survey.Respondent.Id], card["refresh"]!["userIds"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void RenderSurvey_Answered_ThanksWithoutInputs()
    {
        var card = CardCheck.Render(node, Survey with { Response = new SurveyResponse(4, "Quick and friendly, thanks Tom!") });

        var text = CardCheck.Text(card);
        Assert.Contains("You rated us **4 out of 5**.", text, StringComparison.Ordinal);
        Assert.Contains("Quick and friendly, thanks Tom!", text, StringComparison.Ordinal);
        Assert.Empty(CardCheck.Inputs(card));
        Assert.Empty(CardCheck.Buttons(card));
    }

    [Fact]
    public void RenderSurvey_SomeoneElse_SeesWhoItIsFor()
    {
        var card = CardCheck.Render(node, Survey with { ViewerCanAnswer = false });

        Assert.Contains("This survey is for Alex Wilber.", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Empty(CardCheck.Inputs(card));
        Assert.Empty(CardCheck.Buttons(card));
    }

    [Theory]
    [InlineData(MessageKind.Info)]
    [InlineData(MessageKind.Success)]
    [InlineData(MessageKind.Warning)]
    public void RenderMessage_PlainNotice_HasNoButtons(MessageKind kind)
    {
        var card = CardCheck.Render(node, new MessageCard(kind, "Done", "Your comment was added to INC-001042.", null, null));

        Assert.Empty(card["actions"]!.AsArray());
    }

    [Fact]
    public void RenderMessage_RetryAction_SendsItsVerbAndArguments()
    {
        var action = new MessageAction("Try again", CardVerbs.IncidentView, new Dictionary<string, string> { ["incidentId"] = "3f6d2c1a" });

        var card = CardCheck.Render(node, new MessageCard(MessageKind.Error, "That didn't work", "Please try again.", null, action));

        var button = CardCheck.Button(card, CardVerbs.IncidentView);
        Assert.Equal(CardVerbs.IncidentView, button["data"]!["verb"]!.GetValue<string>());
        Assert.Equal("3f6d2c1a", button["data"]!["incidentId"]!.GetValue<string>());
    }

    [Fact]
    public void RenderMessage_VerbTheBotDoesNotRoute_Throws()
    {
        var action = new MessageAction("Do it", "incident.explode", new Dictionary<string, string>());

        var renderer = new CardRenderer(SampleCards.Templates);

        var error = Assert.Throws<InvalidOperationException>(() =>
            renderer.Render(new MessageCard(MessageKind.Error, "Oops", "Something failed.", null, action)));

        Assert.Contains("incident.explode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHelp_NotWelcome_ListsWhatTheBotCanDo()
    {
        var card = CardCheck.Render(node, new HelpCard(null, IsWelcome: false));

        var text = CardCheck.Text(card);
        Assert.Contains("Here's what I can do", text, StringComparison.Ordinal);
        Assert.Contains("status INC-001042", text, StringComparison.Ordinal);
        Assert.Equal([CardVerbs.IncidentView, CardVerbs.IncidentNew, CardVerbs.IncidentList],
            CardCheck.Buttons(card).Select(b => b["verb"]!.GetValue<string>()));
    }

    [Fact]
    public void RenderHelp_WelcomeWithName_GreetsByName()
    {
        var card = CardCheck.Render(node, new HelpCard("Alex", IsWelcome: true));

        Assert.Contains("Hi Alex, I'm your IT service desk in chat", CardCheck.Text(card), StringComparison.Ordinal);
    }
}
