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
        return new ChangeApprovalCard(
            await views.OfAsync(session, change, cancellationToken),
            change.Conflicts.Select(c => new ChangeConflictLine(c.ChangeId, c.Title, c.Window.Start, c.Window.End)).ToList(),
            change.Blackouts.Select(b => $"{b.Name}, {ChangeViews.When(b.Period.Start)} to {ChangeViews.When(b.Period.End)}").ToList(),
            Backout(change),
            ChangeViews.Approvers(change),
            ChangeViews.Quorum(change),
            await views.PendingChatIdsAsync(change, cancellationToken),
            viewerPersonId is not null && pending.Contains(viewerPersonId),
            change.State switch
            {
                ChangeState.PendingApproval or ChangeState.Draft or ChangeState.Submitted or ChangeState.Assessed => null,
                ChangeState.Rejected => "Rejected",
                ChangeState.Cancelled => "Cancelled",
                _ => "Approved",
            },
            notice);
    }

    /// <summary>Approve or reject from the card. The clicking approver and everyone else then see the same read-only card.</summary>
    public async Task<CardReply> DecideAsync(ChatUser user, string changeId, string? approvalTag, bool approve, string? reason, CancellationToken cancellationToken)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return Reply.Say("Please say why you reject the change.");
        }

        var session = user.Session(api);
        try
        {
            var decided = await session.DecideChangeAsync(changeId, new ApprovalRequest
            {
                Decision = approve ? ApprovalDecision.Approve : ApprovalDecision.Reject,
                Reason = approve ? null : reason!.Trim(),
                ETag = approvalTag ?? string.Empty,
            }, cancellationToken);
            var verb = approve ? "approved" : "rejected";
            // What everyone else sees (and Web Chat, which replaces the message itself) names who decided.
            var everyone = Reply.Show(await ApprovalCardAsync(session, decided, null, $"{user.DisplayName} {verb} {changeId}.", cancellationToken));
            var notice = $"You {verb} {changeId}.";
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
            return Reply.Show(StatusCard(await views.OfAsync(session, change, cancellationToken), change, notice));
        }
        catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return Reply.Say($"I can't show you {changeId}: it doesn't exist, or you aren't allowed to see it.");
        }
    }

    public static ChangeStatusCard StatusCard(ChangeView view, ChangeResponse change, string? notice) =>
        new(view, ChangeViews.Approvers(change), change.Conflicts.Count + change.Blackouts.Count, notice);

    /// <summary>
    /// Raises a normal change as a Draft from chat: "change Upgrade the payroll database on db-payroll-01". The CI is
    /// looked up by name (CFG-14); the plans, window and assessment follow in the API or the service desk tools.
    /// Null when the person may not raise changes: "change my password" from them is a request for help instead.
    /// </summary>
    public async Task<Reply?> RaiseAsync(ChatUser user, string text, CancellationToken cancellationToken)
    {
        var (title, ciName) = SplitOn(text);
        if (title.Length < 5)
        {
            return Reply.Say("Tell me what the change is, and on which configuration item, for example *change Upgrade the payroll database on db-payroll-01*.");
        }

        var session = user.Session(api);
        try
        {
            string[] ciIds = [];
            var on = string.Empty;
            if (ciName is not null)
            {
                var found = await session.LookupCiAsync(ciName, cancellationToken);
                if (found.Matches is not [var match, ..])
                {
                    return Reply.Say($"I couldn't find a configuration item called {ciName}. Try *ci {ciName}* to look for it.");
                }

                ciIds = [match.Ci.Id];
                on = $" on {match.Ci.Name}";
            }

            var change = await session.CreateChangeAsync(new CreateChangeRequest { Model = ChangeModel.Normal, Title = title, CiIds = ciIds }, cancellationToken);
            return Reply.Show(StatusCard(await views.OfAsync(session, change, cancellationToken), change,
                $"{change.Id}{on} is raised as a draft. Add its plans, window and benefit, then submit it for assessment."));
        }
        catch (ItsmApiException forbidden) when (forbidden.Status == HttpStatusCode.Forbidden)
        {
            return null;
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    private static (string Title, string? Ci) SplitOn(string text)
    {
        var at = text.LastIndexOf(" on ", StringComparison.OrdinalIgnoreCase);
        return at <= 0 ? (text.Trim(), null) : (text[..at].Trim(), text[(at + 4)..].Trim() is { Length: > 0 } ci ? ci : null);
    }

    private static string Backout(ChangeResponse change)
    {
        var plan = change.Plans.Where(p => p.Kind == PlanKind.Backout).MaxBy(p => p.Version)?.Text;
        return string.IsNullOrWhiteSpace(plan) ? "No backout plan yet." : plan.Length <= 400 ? plan : plan[..397] + "...";
    }
}
