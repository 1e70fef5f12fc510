using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.State;
using static ItsmChatOps.Bot.Notifications.NotificationKit;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Changes in people's chats (CHG-05, CHG-06, CHG-09, CHG-14): each required approver gets the approval card when
/// approval is requested; every later decision, the outcome, a return to assessment or a lapse replaces each
/// approver's card in place, so all of them see the same vote. The originator, implementer and the people a
/// schedule concerns get a status card saying what happened and what is awaited next. An approver's question reaches the
/// originator as a card to answer on, and the answer updates the approvers' cards.
/// </summary>
public sealed class ChangeNotices(NotificationKit kit, ChangeFlows changes, ChangeViews views, CardMemory cards) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("ChangeApprovalRequested", ApprovalRequestedAsync, actorToo: true)
        .On("ChangeDecisionRecorded", (e, p, ct) => UpdateCardAsync(e, p, null, ct))
        .On("ChangeApproved", (e, p, ct) => UpdateCardAsync(e, p, id => $"{id} is approved.", ct))
        .On("ChangeRejected", (e, p, ct) => UpdateCardAsync(e, p, id => $"{id} is rejected.", ct))
        .On("ChangeReturnedToAssessment", (e, p, ct) => UpdateCardAsync(e, p, id => $"{id} was edited and goes back to assessment; earlier approvals no longer count.", ct))
        .On("ChangeApprovalLapsed", (e, p, ct) => UpdateCardAsync(e, p, id => $"The approval of {id} lapsed: implementation did not start in time.", ct))
        .On("ChangeInfoRequested", QuestionAsync)
        .On("ChangeInfoAnswered", (e, p, ct) => UpdateCardAsync(e, p, null, ct))
        .On("ChangeScheduled", (e, p, ct) => StatusAsync(e, p, $"{e.RecordId} is scheduled.", ct))
        .On("ChangeRescheduled", (e, p, ct) => StatusAsync(e, p, $"{e.RecordId} has a new window.", ct))
        .On("ChangeReminderDue", (e, p, ct) => StatusAsync(e, p, $"Reminder: {e.RecordId} is planned to start soon.", ct))
        .On("ChangeImplemented", (e, p, ct) => StatusAsync(e, p, $"{e.RecordId} is implemented and waits for verification.", ct))
        .On("ChangeClosed", (e, p, ct) => StatusAsync(e, p, $"{e.RecordId} is closed.", ct))
        .On("EmergencyReviewOverdue", (e, p, ct) => StatusAsync(e, p, $"{e.RecordId} is an emergency change whose review is overdue.", ct));

    private async Task ApprovalRequestedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var change = await session.GetChangeAsync(e.RecordId, cancellationToken);
        if (change.State != ChangeState.PendingApproval)
        {
            return; // decided or edited meanwhile: a later event tells them
        }

        var card = Reply.Show(await changes.ApprovalCardAsync(session, change, person.Id, null, cancellationToken));
        if ((await kit.SendAsync(person, card, cancellationToken)).Sent is { } sent)
        {
            await cards.RememberAsync(BotStateKeys.ApprovalCard(change.Id, person.Id), sent, cancellationToken);
        }
    }

    /// <summary>The person's approval card shows the vote as it stands now; without one, a conclusive event gets a status card.</summary>
    private async Task UpdateCardAsync(EventResponse e, PersonResponse person, Func<string, string>? notice, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var change = await session.GetChangeAsync(e.RecordId, cancellationToken);
        if (await cards.FindAsync(BotStateKeys.ApprovalCard(change.Id, person.Id), cancellationToken) is { } sent
            && await kit.Sender.UpdateAsync(sent, Reply.Show(await changes.ApprovalCardAsync(session, change, person.Id, notice?.Invoke(change.Id), cancellationToken)), cancellationToken))
        {
            return;
        }

        if (notice is not null)
        {
            await kit.SendAsync(person, Reply.Show(await ChangeFlows.StatusCardAsync(session, views, change, notice(change.Id), cancellationToken)), cancellationToken);
        }
    }

    private async Task StatusAsync(EventResponse e, PersonResponse person, string notice, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var change = await session.GetChangeAsync(e.RecordId, cancellationToken);
        await kit.SendAsync(person, Reply.Show(await ChangeFlows.StatusCardAsync(session, views, change, notice, cancellationToken)), cancellationToken);
    }

    /// <summary>Request info (CHG-05): the originator gets the question on a card with a box to answer it.</summary>
    private async Task QuestionAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var change = await kit.SessionFor(person).GetChangeAsync(e.RecordId, cancellationToken);
        var question = Data(e, "question");
        var index = change.InfoRequests.Count - 1;
        while (index > 0 && (change.InfoRequests[index].Question != question || change.InfoRequests[index].Answer is not null))
        {
            index--; // the question this event is about: later ones may have been asked meanwhile
        }

        if (index < 0)
        {
            return;
        }

        await kit.SendAsync(person, Reply.Show(await changes.QuestionCardAsync(change, index, null, cancellationToken)), cancellationToken);
    }
}
