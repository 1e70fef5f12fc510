using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.State;
using static ItsmChatOps.Bot.Notifications.NotificationKit;
using ApiState = ItsmChatOps.Api.Client.Incidents.IncidentState;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// The closure conversation with the reporter (INC-05, INC-15, INC-17): the "is it fixed?" card and its
/// delivery report (the confirmation window starts only once it arrived; an undelivered one puts the
/// incident on the service desk's follow-up list), the reminder, the "cannot resolve" explanation and the
/// closure itself, which replaces the card sent earlier in place.
/// </summary>
public sealed class ClosureNotices(NotificationKit kit, ConfirmClosureFlow closure, CardMemory cards, ILogger<ClosureNotices> logger) : INotices
{
    public const string ReminderNotice = "A reminder: please tell us whether it's fixed.";

    public void Register(NotificationRoutes routes) => routes
        .On("ConfirmationRequested", ConfirmationRequestedAsync)
        .On("ConfirmationReminderDue", ReminderAsync)
        .On("ResolutionExplanationRequested", ExplanationAsync)
        .On("IncidentClosed", ClosedAsync);

    private async Task ConfirmationRequestedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var incident = await session.GetIncidentAsync(e.RecordId, cancellationToken);
        if (incident.State != ApiState.Resolved || incident.ReporterId != person.Id)
        {
            return; // answered or reopened meanwhile
        }

        var reach = await kit.Sender.ReachAsync(person.Id, cancellationToken);
        var delivery = reach is null
            ? Delivery.Undeliverable(NoConversation)
            : await kit.Sender.SendAsync(reach, Reply.Show(await closure.CardAsync(session, incident, Reporter(person, reach), true, null, cancellationToken)), cancellationToken);
        var reported = await kit.Api.RecordDeliveryAsync(incident.Id,
            new DeliveryReport(DeliveryKind.ConfirmationRequest, delivery.Delivered, e.Id, [person.Id], delivery.Failure), cancellationToken);
        if (delivery.Sent is { } sent)
        {
            await cards.RememberAsync(BotStateKeys.ClosureCard(incident.Id), sent, cancellationToken);
            // The report is a change to the incident: the card gets its new version, and the date it closes by itself.
            var current = await session.GetIncidentAsync(reported.Id, cancellationToken);
            await kit.Sender.UpdateAsync(sent, Reply.Show(await closure.CardAsync(session, current, Reporter(person, reach!), true, null, cancellationToken)), cancellationToken);
        }
    }

    /// <summary>The card is brought up to date where it is, and a short message makes the reminder noticed.</summary>
    private async Task ReminderAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var incident = await session.GetIncidentAsync(e.RecordId, cancellationToken);
        if (incident.State != ApiState.Resolved || await kit.Sender.ReachAsync(person.Id, cancellationToken) is not { } reach)
        {
            return;
        }

        var card = Reply.Show(await closure.CardAsync(session, incident, Reporter(person, reach), true, ReminderNotice, cancellationToken));
        var key = BotStateKeys.ClosureCard(incident.Id);
        if (await cards.FindAsync(key, cancellationToken) is { } sent && await kit.Sender.UpdateAsync(sent, card, cancellationToken))
        {
            await kit.Sender.SendAsync(reach, Reply.Say($"Reminder: is {incident.Id} fixed? Please answer on the card above."), cancellationToken);
            return;
        }

        if ((await kit.Sender.SendAsync(reach, card, cancellationToken)).Sent is { } resent)
        {
            await cards.RememberAsync(key, resent, cancellationToken);
        }
    }

    /// <summary>INC-15: the explanation of a "cannot resolve" must reach the reporter before the incident can close.</summary>
    private async Task ExplanationAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        var explanation = Data(e, "explanation") ?? incident.Resolution?.Explanation ?? "The team could not resolve it.";
        var delivery = await kit.SendAsync(person, Notice(MessageKind.Info, $"About {incident.Id}: we can't fix this one", explanation, null, incident.Id), cancellationToken);
        await kit.Api.RecordDeliveryAsync(incident.Id,
            new DeliveryReport(DeliveryKind.ResolutionExplanation, delivery.Delivered, e.Id, [person.Id], delivery.Failure), cancellationToken);
    }

    /// <summary>The reporter's card shows the decision in place; everyone told of the closure gets an update.</summary>
    private async Task ClosedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var incident = await session.GetIncidentAsync(e.RecordId, cancellationToken);
        if (incident.ReporterId == person.Id && await cards.FindAsync(BotStateKeys.ClosureCard(incident.Id), cancellationToken) is { } sent)
        {
            var reporter = new CardPerson(sent.Conversation.UserId, person.DisplayName);
            if (!await kit.Sender.UpdateAsync(sent, Reply.Show(await closure.CardAsync(session, incident, reporter, false, null, cancellationToken)), cancellationToken))
            {
                logger.LogInformation("The closure card of {IncidentId} is gone; the update below tells the reporter instead", incident.Id);
            }
        }

        var detail = incident.Closure?.Method == ClosureMethod.TimedOut
            ? "We closed it because we didn't hear back. If the problem comes back, just report it again."
            : incident.Closure?.Note;
        await kit.SendAsync(person, await kit.UpdateAsync(IncidentUpdateKind.StateChanged, e, person, incident, detail, cancellationToken), cancellationToken);
    }

    private static CardPerson Reporter(PersonResponse person, Reach reach) => new(reach.Conversation.UserId, person.DisplayName);
}
