using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.State;
using static ItsmChatOps.Bot.Notifications.NotificationKit;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Satisfaction surveys (BRM-08, BRM-10): the survey card to the reporter after closure (remembered so it
/// can be replaced), and the low-score notice to the service desk lead and the customer's relationship manager.
/// </summary>
public sealed class SurveyNotices(NotificationKit kit, SurveyFlow surveys, CardMemory cards, ILogger<SurveyNotices> logger) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("SurveyRequested", RequestedAsync)
        .On("LowSatisfactionReported", LowScoreAsync);

    private async Task RequestedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var survey = await session.GetSurveyAsync(e.RecordId, cancellationToken);
        if (survey.RespondentId != person.Id || await kit.Sender.ReachAsync(person.Id, cancellationToken) is not { } reach)
        {
            return;
        }

        var card = await surveys.CardAsync(session, survey, new CardPerson(reach.Conversation.UserId, person.DisplayName), true, cancellationToken);
        if ((await kit.Sender.SendAsync(reach, Reply.Show(card), cancellationToken)).Sent is { } sent)
        {
            await cards.RememberAsync(BotStateKeys.SurveyCard(survey.Id), sent, cancellationToken);
        }
    }

    /// <summary>BRM-10: a rating of 2 or less; the API has opened the follow-up task, the bot tells the people it names.</summary>
    private async Task LowScoreAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incidentId = Data(e, "incidentId") ?? e.RecordId;
        string? comment = null;
        try
        {
            comment = (await kit.SessionFor(person).GetSurveyAsync(e.RecordId, cancellationToken)).Comment;
        }
        catch (ItsmApiException hidden) when (!ApiProblems.IsTransient(hidden))
        {
            logger.LogDebug("Person {PersonId} may not read survey {SurveyId}; the notice goes without the comment", person.Id, e.RecordId);
        }

        var text = $"The reporter rated {incidentId} {Data(e, "rating") ?? "low"} out of 5. Follow-up task {Data(e, "taskId") ?? "(see your tasks)"} is open for the service desk lead.";
        await kit.SendAsync(person, Notice(MessageKind.Warning, $"Low satisfaction on {incidentId}", text, comment is null ? null : $"\"{comment}\"", incidentId), cancellationToken);
    }
}
