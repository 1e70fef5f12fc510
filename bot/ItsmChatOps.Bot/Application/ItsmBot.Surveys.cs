using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Application;

/// <summary>The satisfaction survey after closure (BRM-08): the answer and Teams' per-user refresh.</summary>
public sealed partial class ItsmBot
{
    private void MapSurveys()
    {
        OnCardAction(Verbs.SurveySubmit, AsPerson(SurveySubmitAsync));
        OnCardAction(Verbs.SurveyRefresh, AsPerson(SurveyRefreshAsync));
    }

    private async Task<CardActionResult> SurveySubmitAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Surveys.SubmitAsync(user, Required(action, "surveyId"), Input(action, "rating"), Input(action, "comment"), cancellationToken));

    private async Task<CardActionResult> SurveyRefreshAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Surveys.RefreshAsync(user, Required(action, "surveyId"), cancellationToken));
}
