using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.State;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Recurring incidents for the problem managers (PRB-02): when the API proposes a cluster, each person it notifies
/// gets the problem-candidate card, with "Create problem" and "Dismiss" answered in place. When one of them decides,
/// every other problem manager's copy is replaced in place by the outcome, so nobody acts on a stale candidate.
/// </summary>
public sealed class ProblemNotices(NotificationKit kit, ProblemCandidateFlow candidates, CardMemory cards) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("ProblemCandidateProposed", CandidateProposedAsync)
        .On("ProblemCandidateAccepted", CandidateDecidedAsync)
        .On("ProblemCandidateDismissed", CandidateDecidedAsync);

    private async Task CandidateProposedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var candidate = await session.GetProblemCandidateAsync(e.RecordId, cancellationToken);
        if (candidate.State != CandidateState.Proposed)
        {
            return; // decided before the notice went out: nothing left to ask
        }

        var sent = await kit.SendAsync(person, Reply.Show(await ProblemCandidateFlow.CardAsync(session, candidate, cancellationToken)), cancellationToken);
        if (sent.Sent is { } card)
        {
            await cards.RememberAsync(BotStateKeys.CandidateCard(candidate.Id, person.Id), card, cancellationToken);
        }
    }

    /// <summary>Only a card that was sent is replaced: someone who never had it is not told of a decision they were not asked for.</summary>
    private async Task CandidateDecidedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        if (await cards.FindAsync(BotStateKeys.CandidateCard(e.RecordId, person.Id), cancellationToken) is not { } sent)
        {
            return;
        }

        var session = kit.SessionFor(person);
        var candidate = await session.GetProblemCandidateAsync(e.RecordId, cancellationToken);
        await kit.Sender.UpdateAsync(sent, Reply.Show(await candidates.DecidedCardAsync(session, candidate, null, cancellationToken)), cancellationToken);
    }
}
