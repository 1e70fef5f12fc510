using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Bot.Flows;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Recurring incidents for the problem manager (PRB-02): when the API proposes a cluster, each person it notifies
/// gets the problem-candidate card, with "Create problem" and "Dismiss" answered in place.
/// </summary>
public sealed class ProblemNotices(NotificationKit kit) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("ProblemCandidateProposed", CandidateProposedAsync);

    private async Task CandidateProposedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var candidate = await session.GetProblemCandidateAsync(e.RecordId, cancellationToken);
        if (candidate.State != CandidateState.Proposed)
        {
            return; // decided before the notice went out: nothing left to ask
        }

        await kit.SendAsync(person, Reply.Show(await ProblemCandidateFlow.CardAsync(session, candidate, cancellationToken)), cancellationToken);
    }
}
