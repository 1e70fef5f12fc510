using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>The satisfaction survey after closure, answered in chat (BRM-08, BRM-09, BRM-10).</summary>
[Collection(FlowCollection.Name)]
public sealed class SurveyTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "BRM-08")]
    [Trait("Requirement", "BRM-09")]
    public async Task Closed_SurveyCardReachesReporter_RatingAndCommentInTheSameCard_ThenThanks()
    {
        var (number, survey) = await ClosedAndSurveyedAsync("Laptop will not dock");
        var data = Answer(survey, "4", "Quick and friendly.");

        var (response, calls) = await flow.TurnAsync(Execute(Dave, CardVerbs.SurveySubmit, data, survey.ActivityId()));

        var thanks = response.InvokeCard().Words();
        Assert.Contains("Thanks for your feedback", thanks, StringComparison.Ordinal);
        Assert.Contains("You rated us **4 out of 5**.", thanks, StringComparison.Ordinal);
        Assert.Contains(calls, c => c.Method == HttpMethod.Put && c.Words().Contains("Thanks for your feedback", StringComparison.Ordinal));
        var stored = await SurveyAsync(number);
        Assert.Equal((SurveyState.Answered, 4, "Quick and friendly."), (stored.State, stored.Rating, stored.Comment));
        // BRM-09: the answer is kept with what it was about, so reports never blend unlike series.
        Assert.Equal((number, "svc-email", ClosureMethod.ReporterConfirmed), (stored.IncidentId, stored.ServiceId, stored.ClosureMethod));
        Assert.True(stored.QuestionSetVersion > 0);
        Assert.False(string.IsNullOrEmpty(stored.SamplingMethod));
    }

    [Fact]
    [Trait("Requirement", "BRM-08")]
    public async Task SecondAnswer_RefusedInPlainWords()
    {
        var (_, survey) = await ClosedAndSurveyedAsync("USB headset not recognised");
        await flow.TurnAsync(Execute(Dave, CardVerbs.SurveySubmit, Answer(survey, "5", null), survey.ActivityId()));

        var (again, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.SurveySubmit, Answer(survey, "1", null), survey.ActivityId()));

        Assert.Equal("This survey has already been answered. Thank you!", again.InvokeText());
    }

    [Fact]
    [Trait("Requirement", "BRM-08")]
    public async Task AnotherUser_Answers_RefusedAndTheSurveyStaysOpen()
    {
        var (number, survey) = await ClosedAndSurveyedAsync("Docking station fan is loud");

        var (refused, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.SurveySubmit, Answer(survey, "1", "Terrible"), survey.ActivityId()));

        Assert.Equal("Only the person who reported the incident can answer its survey.", refused.InvokeText());
        Assert.Equal(SurveyState.Pending, (await SurveyAsync(number)).State);
    }

    [Fact]
    [Trait("Requirement", "BRM-10")]
    public async Task LowRating_TheServiceDeskLeadIsToldWithTheComment()
    {
        await flow.TurnAsync(Message(Heidi, "my incidents"));
        var (number, survey) = await ClosedAndSurveyedAsync("Keyboard replacement took weeks");

        await flow.TurnAsync(Execute(Dave, CardVerbs.SurveySubmit, Answer(survey, "2", "Nobody told me anything."), survey.ActivityId()));
        var notices = await flow.NotifyAsync();

        var notice = Assert.Single(notices, n => n.IsTo(Heidi.PersonalConversationId) && n.Words().Contains(number, StringComparison.Ordinal));
        Assert.Contains($"Low satisfaction on {number}", notice.Words(), StringComparison.Ordinal);
        Assert.Contains("rated " + number + " 2 out of 5", notice.Words(), StringComparison.Ordinal);
        Assert.Contains("Nobody told me anything.", notice.Words(), StringComparison.Ordinal);
        Assert.NotNull((await SurveyAsync(number)).FollowUpTaskId);
    }

    /// <summary>Dave's incident is resolved and confirmed in chat; the survey card that follows is returned.</summary>
    private async Task<(string Number, RecordedRequest Survey)> ClosedAndSurveyedAsync(string summary)
    {
        var number = await flow.RaiseAsync(Dave, summary + " " + Guid.NewGuid().ToString("N")[..4]);
        await flow.Api.WorkToResolvedAsync(number);
        var closure = (await flow.NotifyAsync()).Last(r => r.IsTo(Dave.PersonalConversationId) && r.Words().Contains("Is it fixed?", StringComparison.Ordinal));
        await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentConfirm, closure.Card()!.Value.ButtonData(CardVerbs.IncidentConfirm), closure.ActivityId()));
        var sent = await flow.NotifyAsync();
        return (number, Assert.Single(sent, r => r.IsTo(Dave.PersonalConversationId) && r.Card() is { } card && card.HasButton(CardVerbs.SurveySubmit)
            && card.Words().Contains(number, StringComparison.Ordinal)));
    }

    private static Dictionary<string, object?> Answer(RecordedRequest survey, string rating, string? comment)
    {
        var data = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(survey.Card()!.Value.ButtonData(CardVerbs.SurveySubmit))!;
        data["rating"] = rating;
        data["comment"] = comment;
        return data;
    }

    private async Task<SurveyResponse> SurveyAsync(string incidentId)
    {
        using var alice = flow.Api.As("alice@contoso.test");
        return (await alice.GetFromJsonAsync<SurveyResponse>($"api/surveys/SRV-{incidentId}", ItsmJson.Options))!;
    }
}
