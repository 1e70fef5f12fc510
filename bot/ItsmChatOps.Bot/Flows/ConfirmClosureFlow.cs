using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.State;
using ApiState = ItsmChatOps.Api.Client.Incidents.IncidentState;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// "Is it fixed?" (INC-05, INC-17). The reporter answers on the card: yes closes the incident, "not fixed"
/// with a reason reopens it. The API decides who may answer (only the reporter) and when; the card then
/// shows the decision to everyone. A click on an outdated card (412) gets the current state back.
/// </summary>
public sealed class ConfirmClosureFlow(ItsmApiClient api, IncidentViews views, ConversationDirectory conversations, TimeProvider time)
{
    public const string NotFixedReason = "Please tell us what's still wrong, so the team knows where to look.";

    /// <summary>The card for the reporter; <paramref name="viewerCanAnswer"/> only matters while the incident waits for an answer.</summary>
    public async Task<ClosureConfirmationCard> CardAsync(ItsmApiSession session, IncidentResponse incident, CardPerson reporter, bool viewerCanAnswer,
        string? notice, CancellationToken cancellationToken, IncidentResponse? resolved = null, ClosureDecision? decision = null)
    {
        var source = resolved ?? incident;
        decision ??= DecisionOf(incident);
        return new ClosureConfirmationCard(
            await views.OfAsync(session, incident, cancellationToken),
            source.Resolution?.Notes ?? "The team has marked it as resolved.",
            source.ResolvedAt ?? source.UpdatedAt,
            source.Confirmation?.AutoCloseAt,
            reporter,
            viewerCanAnswer && decision is null && incident.State == ApiState.Resolved,
            decision,
            Guid.NewGuid().ToString("N"),
            notice);
    }

    /// <summary>
    /// The reporter's answer. <paramref name="resolvedAt"/> is the resolution the card asked about: when the record moved on
    /// only in its bookkeeping since the card was sent (a suggestion, an SLA check) and that resolution still stands, the
    /// answer is still about this fix and counts; a reopening or a new resolution makes the card outdated.
    /// </summary>
    public async Task<CardReply> AnswerAsync(ChatUser user, string incidentId, string? etag, DateTimeOffset? resolvedAt, bool fixedIt, string? reason,
        CancellationToken cancellationToken)
    {
        if (!fixedIt && string.IsNullOrWhiteSpace(reason))
        {
            return Reply.Say(NotFixedReason);
        }

        var session = user.Session(api);
        IncidentResponse? before = null;
        try
        {
            before = await session.GetIncidentAsync(incidentId, cancellationToken);
        }
        catch (ItsmApiException hidden) when (hidden.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Not theirs to see: the answer to the click itself says why it does not count.
        }

        var request = new ConfirmResolutionRequest(fixedIt, fixedIt ? null : reason!.Trim());
        try
        {
            IncidentResponse after;
            try
            {
                after = await session.ConfirmResolutionAsync(incidentId, request, etag, cancellationToken);
            }
            catch (ItsmApiException stale) when (stale.IsStale && before is { State: ApiState.Resolved } current && SameResolution(current.ResolvedAt, resolvedAt))
            {
                after = await session.ConfirmResolutionAsync(incidentId, request, current.ETag, cancellationToken);
            }

            var decision = fixedIt
                ? new ClosureDecision(ClosureOutcome.Confirmed, after.Closure?.At ?? time.GetUtcNow(), null)
                : new ClosureDecision(ClosureOutcome.Rejected, after.UpdatedAt, reason!.Trim());
            var reporter = await ReporterAsync(user, after.ReporterId, cancellationToken);
            var card = Reply.Show(await CardAsync(session, after, reporter, false, null, cancellationToken, before ?? after, decision));
            return new CardReply(card, card);
        }
        catch (ItsmApiException stale) when (stale.IsStale)
        {
            var current = await session.GetIncidentAsync(incidentId, cancellationToken);
            var reporter = await ReporterAsync(user, current.ReporterId, cancellationToken);
            return Reply.Show(await CardAsync(session, current, reporter, user.PersonId == current.ReporterId, IncidentFlows.Stale, cancellationToken, before));
        }
        catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>The card shows (and sends back) the resolution time in whole seconds; the record keeps its fraction.</summary>
    private static bool SameResolution(DateTimeOffset? recorded, DateTimeOffset? onCard) =>
        recorded is { } at && onCard is { } shown && at.ToUnixTimeSeconds() == shown.ToUnixTimeSeconds();

    /// <summary>Teams asks for the card as the viewing user sees it (refresh); only the reporter gets the buttons.</summary>
    public async Task<Reply> RefreshAsync(ChatUser user, string incidentId, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            var incident = await session.GetIncidentAsync(incidentId, cancellationToken);
            var reporter = await ReporterAsync(user, incident.ReporterId, cancellationToken);
            return Reply.Show(await CardAsync(session, incident, reporter, user.PersonId == incident.ReporterId, null, cancellationToken));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>The decision the incident shows by itself: closed by the reporter or an agent, or after the window.</summary>
    public static ClosureDecision? DecisionOf(IncidentResponse incident) => incident is { State: ApiState.Closed, Closure: { } closure }
        ? new ClosureDecision(closure.Method == ClosureMethod.TimedOut ? ClosureOutcome.TimedOut : ClosureOutcome.Confirmed, closure.At, null)
        : null;

    /// <summary>The reporter as the card names them: their chat user id (Teams refresh) and their name.</summary>
    public async Task<CardPerson> ReporterAsync(ChatUser viewer, string reporterId, CancellationToken cancellationToken)
    {
        if (viewer.PersonId == reporterId)
        {
            return new CardPerson(viewer.ChatUserId, viewer.DisplayName);
        }

        var person = (await api.DirectoryAsync([reporterId], cancellationToken: cancellationToken)) is [var first, ..] ? first : null;
        var conversation = await conversations.FindAsync(reporterId, cancellationToken);
        return new CardPerson(conversation?.Conversation.UserId ?? reporterId, person?.DisplayName ?? "the reporter");
    }
}
