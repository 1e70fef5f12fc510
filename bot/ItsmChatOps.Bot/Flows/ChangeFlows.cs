using System.Globalization;
using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// Changes in chat (CHG-05, CHG-06, CHG-09): the approval card for each required approver, deciding on it, and the
/// status card. The API decides who may approve: a forwarded card, a non-approver or a second vote gets its words
/// and changes nothing; a stale card (412) gets the current version back to decide on.
/// </summary>
public sealed class ChangeFlows(ItsmApiClient api, ChangeViews views)
{
    public const string StaleCard = "This change was edited after your card was sent. Here is the current version: please decide on it.";

    /// <summary>The approval card as <paramref name="viewerPersonId"/> sees it: buttons only while they are a pending approver.</summary>
    public async Task<ChangeApprovalCard> ApprovalCardAsync(ItsmApiSession session, ChangeResponse change, string? viewerPersonId, string? notice,
        CancellationToken cancellationToken)
    {
        var pending = change.State == ChangeState.PendingApproval ? change.Quorum?.Pending ?? [] : [];
        var canDecide = viewerPersonId is not null && pending.Contains(viewerPersonId);
        var actingFor = canDecide || viewerPersonId is null || pending.Count == 0 ? null : await ActingForAsync(session, change, viewerPersonId, pending, cancellationToken);
        return new ChangeApprovalCard(
            await views.OfAsync(session, change, cancellationToken),
            change.Conflicts.Select(c => new ChangeConflictLine(c.ChangeId, c.Title, c.Window.Start, c.Window.End)).ToList(),
            change.Blackouts.Select(b => $"{b.Name}, {ChangeViews.When(b.Period.Start)} to {ChangeViews.When(b.Period.End)}").ToList(),
            Backout(change),
            ChangeViews.Approvers(change),
            ChangeViews.Quorum(change),
            await views.PendingChatIdsAsync(change, cancellationToken),
            canDecide || actingFor is not null,
            change.State switch
            {
                ChangeState.PendingApproval or ChangeState.Draft or ChangeState.Submitted or ChangeState.Assessed => null,
                ChangeState.Rejected => "Rejected",
                ChangeState.Cancelled => "Cancelled",
                _ => "Approved",
            },
            await QuestionsAsync(change, cancellationToken),
            actingFor?.Id,
            actingFor?.Name,
            notice);
    }

    /// <summary>
    /// Approve, reject or request info from the card, for oneself or, as a deputy, for <paramref name="onBehalfOfId"/>
    /// (CHG-05). The clicking approver and everyone else then see the same card; the API decides who may decide.
    /// </summary>
    public async Task<CardReply> DecideAsync(ChatUser user, string changeId, string? approvalTag, ApprovalDecision decision, string? text, string? onBehalfOfId,
        CancellationToken cancellationToken)
    {
        if (decision != ApprovalDecision.Approve && string.IsNullOrWhiteSpace(text))
        {
            return Reply.Say(decision == ApprovalDecision.Reject ? "Please say why you reject the change." : "Please write what you need to know.");
        }

        var session = user.Session(api);
        try
        {
            var decided = await session.DecideChangeAsync(changeId, new ApprovalRequest
            {
                Decision = decision,
                Reason = decision == ApprovalDecision.Reject ? text!.Trim() : null,
                Question = decision == ApprovalDecision.RequestInfo ? text!.Trim() : null,
                ETag = approvalTag ?? string.Empty,
                OnBehalfOfId = onBehalfOfId,
            }, cancellationToken);
            var verb = decision switch
            {
                ApprovalDecision.Approve => "approved",
                ApprovalDecision.Reject => "rejected",
                _ => "asked the originator about",
            };
            var onBehalf = onBehalfOfId is null ? string.Empty
                : $" on behalf of {decided.Approvers.FirstOrDefault(a => a.PersonId == onBehalfOfId)?.Name ?? onBehalfOfId}";
            // What everyone else sees (and Web Chat, which replaces the message itself) names who decided.
            var everyone = Reply.Show(await ApprovalCardAsync(session, decided, null, $"{user.DisplayName} {verb} {changeId}{onBehalf}.", cancellationToken));
            var notice = $"You {verb} {changeId}{onBehalf}.";
            return new CardReply(Reply.Show(await ApprovalCardAsync(session, decided, user.PersonId, notice, cancellationToken)), everyone);
        }
        catch (ItsmApiException stale) when (stale.IsStale)
        {
            var current = await session.GetChangeAsync(changeId, cancellationToken);
            return Reply.Show(await ApprovalCardAsync(session, current, user.PersonId, StaleCard, cancellationToken));
        }
        catch (ItsmApiException refused) when (refused.Status is not HttpStatusCode.InternalServerError)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>The originator's card for an approver's question <paramref name="index"/> (CHG-05).</summary>
    public async Task<ChangeQuestionCard> QuestionCardAsync(ChangeResponse change, int index, string? notice, CancellationToken cancellationToken)
    {
        var question = change.InfoRequests[index];
        var names = await NamesAsync([question.AskedById], cancellationToken);
        return new ChangeQuestionCard(change.Id, change.Title, index.ToString(CultureInfo.InvariantCulture), names[question.AskedById], question.Question,
            question.Answer, notice);
    }

    /// <summary>The originator answers; the approvers' cards then show the answer (the API tells them).</summary>
    public async Task<Reply> AnswerAsync(ChatUser user, string changeId, string? index, string? answer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return Reply.Say("Please write your answer first.");
        }

        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Reply.Say("I can't tell which question this answers: please answer from the card the question came on.");
        }

        try
        {
            var change = await user.Session(api).AnswerChangeQuestionAsync(changeId, number, new InfoAnswerRequest(answer.Trim()), cancellationToken);
            return Reply.Show(await QuestionCardAsync(change, number, $"Thanks: the approvers of {changeId} can read your answer now.", cancellationToken));
        }
        catch (ItsmApiException refused) when (refused.Status is not HttpStatusCode.InternalServerError)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>Teams asks for the approval card as the viewing user sees it (refresh).</summary>
    public async Task<Reply> RefreshApprovalAsync(ChatUser user, string changeId, CancellationToken cancellationToken)
    {
        try
        {
            var session = user.Session(api);
            var change = await session.GetChangeAsync(changeId, cancellationToken);
            return Reply.Show(await ApprovalCardAsync(session, change, user.PersonId, null, cancellationToken));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>Where a change stands and what it waits for from whom.</summary>
    public async Task<Reply> StatusAsync(ChatUser user, string changeId, CancellationToken cancellationToken, string? notice = null)
    {
        try
        {
            var session = user.Session(api);
            var change = await session.GetChangeAsync(changeId, cancellationToken);
            return Reply.Show(await StatusCardAsync(session, views, change, notice, cancellationToken));
        }
        catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return Reply.Say($"I can't show you {changeId}: it doesn't exist, or you aren't allowed to see it.");
        }
    }

    /// <summary>The status card: the assessment, the conflicts, and the records linked both ways (CHG-03, CHG-15).</summary>
    public static async Task<ChangeStatusCard> StatusCardAsync(ItsmApiSession session, ChangeViews views, ChangeResponse change, string? notice,
        CancellationToken cancellationToken) =>
        new(await views.OfAsync(session, change, cancellationToken), ChangeViews.Approvers(change), change.Conflicts.Count + change.Blackouts.Count,
            Conflicts(change), await views.LinksAsync(session, change.Id, cancellationToken), notice);

    private static List<ChangeConflictLine> Conflicts(ChangeResponse change) =>
        change.Conflicts.Select(c => new ChangeConflictLine(c.ChangeId, c.Title, c.Window.Start, c.Window.End)).ToList();

    /// <summary>The pending approver who delegated to the viewer for now, whom the viewer may decide for (CHG-05).</summary>
    private async Task<CardPerson?> ActingForAsync(ItsmApiSession session, ChangeResponse change, string viewerPersonId, IReadOnlyList<string> pending,
        CancellationToken cancellationToken)
    {
        // The API lists only the approvers whose delegation to the viewer covers now.
        var delegators = (await session.DelegationsAsync(cancellationToken))
            .Where(d => d.DeputyId == viewerPersonId && d.DelegatorId != viewerPersonId)
            .Select(d => d.DelegatorId)
            .ToHashSet(StringComparer.Ordinal);
        return change.Approvers.FirstOrDefault(a => pending.Contains(a.PersonId) && delegators.Contains(a.PersonId)) is { } approver
            ? new CardPerson(approver.PersonId, approver.Name)
            : null;
    }

    private async Task<List<ChangeQuestionLine>> QuestionsAsync(ChangeResponse change, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(change.InfoRequests.Select(i => i.AskedById), cancellationToken);
        return change.InfoRequests.Select(i => new ChangeQuestionLine(names[i.AskedById], i.Question, i.Answer)).ToList();
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var names = wanted.ToDictionary(id => id, id => id, StringComparer.Ordinal);
        if (wanted.Count > 0)
        {
            foreach (var person in await api.DirectoryAsync(wanted, cancellationToken: cancellationToken))
            {
                names[person.Id] = person.DisplayName;
            }
        }

        return names;
    }

    private static string Backout(ChangeResponse change)
    {
        var plan = change.Plans.Where(p => p.Kind == PlanKind.Backout).MaxBy(p => p.Version)?.Text;
        return string.IsNullOrWhiteSpace(plan) ? "No backout plan yet." : plan.Length <= 400 ? plan : plan[..397] + "...";
    }
}
