using System.Globalization;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using ApiSurvey = ItsmChatOps.Api.Client.Surveys.SurveyResponse;
using CardResponse = ItsmChatOps.Bot.Cards.ViewModels.SurveyResponse;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// The satisfaction survey after closure (BRM-08): a 1–5 rating and a comment on one card, answered once
/// by the reporter; the card then thanks them. A second answer or an expired survey gets the API's words.
/// A low score's follow-up (BRM-10) is the API's doing.
/// </summary>
public sealed class SurveyFlow(ItsmApiClient api, IncidentViews views)
{
    public async Task<SatisfactionSurveyCard> CardAsync(ItsmApiSession session, ApiSurvey survey, CardPerson respondent, bool viewerCanAnswer,
        CancellationToken cancellationToken)
    {
        var incident = await session.GetIncidentAsync(survey.IncidentId, cancellationToken);
        return new SatisfactionSurveyCard(
            survey.Id,
            await views.OfAsync(session, incident, cancellationToken),
            respondent,
            viewerCanAnswer && survey.State == SurveyState.Pending,
            survey is { State: SurveyState.Answered, Rating: { } rating } ? new CardResponse(rating, survey.Comment) : null,
            survey.ExpiresAt,
            Guid.NewGuid().ToString("N"));
    }

    public async Task<CardReply> SubmitAsync(ChatUser user, string surveyId, string? rating, string? comment, CancellationToken cancellationToken)
    {
        if (!int.TryParse(rating, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
        {
            return Reply.Say("Please choose a rating from 1 to 5.");
        }

        var session = user.Session(api);
        try
        {
            var answered = await session.AnswerSurveyAsync(surveyId, new AnswerSurveyRequest(score, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()), cancellationToken);
            var card = Reply.Show(await CardAsync(session, answered, Respondent(user), false, cancellationToken));
            return new CardReply(card, card);
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    public async Task<Reply> RefreshAsync(ChatUser user, string surveyId, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            var survey = await session.GetSurveyAsync(surveyId, cancellationToken);
            var mine = survey.RespondentId == user.PersonId;
            var respondent = mine ? Respondent(user)
                : new CardPerson(survey.RespondentId, (await api.DirectoryAsync([survey.RespondentId], cancellationToken: cancellationToken)) is [var first, ..] ? first.DisplayName : "the reporter");
            return Reply.Show(await CardAsync(session, survey, respondent, mine, cancellationToken));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    private static CardPerson Respondent(ChatUser user) => new(user.ChatUserId, user.DisplayName);
}
