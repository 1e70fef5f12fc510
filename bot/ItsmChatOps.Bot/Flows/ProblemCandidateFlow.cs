using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// Recurring-incident clusters in chat (PRB-02): the problem manager gets the candidate card, and "Create problem"
/// or "Dismiss" with a reason replaces it with the outcome. Who may decide is the API's call: anyone else is told
/// its refusal and nothing changes. A click on a cluster another problem manager already decided gets the current
/// outcome, saying who decided it, instead of a second problem.
/// </summary>
public sealed class ProblemCandidateFlow(ItsmApiClient api)
{
    public Task<Reply> AcceptAsync(ChatUser user, string candidateId, CancellationToken cancellationToken) =>
        DecideAsync(user, candidateId, new CandidateDecisionRequest(true, null), cancellationToken);

    public Task<Reply> DismissAsync(ChatUser user, string candidateId, string? reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(Reply.Say("Please say why this is not a problem: the reason is kept with the dismissal."))
            : DecideAsync(user, candidateId, new CandidateDecisionRequest(false, reason.Trim()), cancellationToken);

    /// <summary>The card for a cluster as <paramref name="session"/>'s person may see it: its incidents, and the outcome once decided.</summary>
    public static async Task<ProblemCandidateCard> CardAsync(ItsmApiSession session, ProblemCandidateResponse candidate, CancellationToken cancellationToken,
        string? decidedBy = null, string? notice = null)
    {
        var incidents = new List<CandidateIncidentView>();
        foreach (var id in candidate.IncidentIds)
        {
            try
            {
                var incident = await session.GetIncidentAsync(id, cancellationToken);
                incidents.Add(new CandidateIncidentView(incident.Id, incident.Security ? "Restricted incident" : incident.Summary, incident.CreatedAt));
            }
            catch (ItsmApiException hidden) when (hidden.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                // Not theirs to see: the count in the card still tells them how many there are.
            }
        }

        return new ProblemCandidateCard(
            candidate.Id,
            candidate.Category,
            candidate.CiId ?? candidate.ServiceId ?? "Not recorded",
            incidents,
            candidate.State == CandidateState.Proposed ? null : candidate.State.ToString(),
            candidate.ProblemId,
            candidate.DismissReason,
            candidate.SuppressedUntil,
            candidate.State == CandidateState.Proposed ? null : decidedBy,
            notice,
            Guid.NewGuid().ToString("N"));
    }

    /// <summary>The decided card as every problem manager sees it once someone decided: the outcome and who decided it.</summary>
    public async Task<ProblemCandidateCard> DecidedCardAsync(ItsmApiSession session, ProblemCandidateResponse candidate, string? notice, CancellationToken cancellationToken) =>
        await CardAsync(session, candidate, cancellationToken, await NameAsync(candidate.DecidedBy, cancellationToken), notice);

    private async Task<Reply> DecideAsync(ChatUser user, string candidateId, CandidateDecisionRequest decision, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            return Reply.Show(await DecidedCardAsync(session, await session.DecideProblemCandidateAsync(candidateId, decision, cancellationToken), null, cancellationToken));
        }
        catch (ItsmApiException conflict) when (conflict.Status == HttpStatusCode.Conflict)
        {
            // Decided already (a second click, or another problem manager): the card shows how it was decided, and by whom.
            var current = await session.GetProblemCandidateAsync(candidateId, cancellationToken);
            if (current.State == CandidateState.Proposed)
            {
                return Reply.Say(ApiProblems.PlainWords(conflict));
            }

            var who = current.DecidedBy == user.PersonId ? "You" : await NameAsync(current.DecidedBy, cancellationToken) ?? "Another problem manager";
            var notice = $"Nothing changed: {who} already {current.State.ToString().ToLowerInvariant()} this cluster.";
            return Reply.Show(await CardAsync(session, current, cancellationToken, await NameAsync(current.DecidedBy, cancellationToken), notice));
        }
        catch (ItsmApiException refused) when (!ApiProblems.IsTransient(refused))
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    private async Task<string?> NameAsync(string? personId, CancellationToken cancellationToken) =>
        personId is null ? null : await api.DirectoryAsync([personId], cancellationToken: cancellationToken) is [var person, ..] ? person.DisplayName : personId;
}
