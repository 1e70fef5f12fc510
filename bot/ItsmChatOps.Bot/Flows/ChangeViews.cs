using System.Globalization;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.State;

namespace ItsmChatOps.Bot.Flows;

/// <summary>Changes as cards show them: names instead of ids, the vote, and what the change waits for from whom in words.</summary>
public sealed partial class ChangeViews(ItsmApiClient api, ConversationDirectory conversations)
{
    /// <summary>The change as <paramref name="session"/>'s person sees it; CI names are read as them (CIs are for staff).</summary>
    public async Task<ChangeView> OfAsync(ItsmApiSession session, ChangeResponse change, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(change, cancellationToken);
        var cis = new List<string>();
        foreach (var ciId in change.CiIds)
        {
            cis.Add(await CiNameAsync(session, ciId, cancellationToken));
        }

        return new ChangeView(
            change.Id,
            change.Title,
            change.Model.ToString(),
            StateText(change.State),
            change.Class?.ToString(),
            change.Risk?.Score,
            change.Risk?.Level.ToString(),
            change.Risk?.Why,
            change.Window?.Start,
            change.Window?.End,
            cis,
            change.Impact?.Services.Select(s => s.Name).ToList() ?? [.. change.ServiceIds],
            Awaiting(change, names),
            change.ApprovalTag);
    }

    public static IReadOnlyList<ApproverLine> Approvers(ChangeResponse change) => change.Approvers
        .Select(a => new ApproverLine(a.Name, a.Basis.ToString(), a.Decision switch
        {
            ApprovalDecision.Approve => "Approved",
            ApprovalDecision.Reject => "Rejected",
            _ => "Pending",
        }, a.Mandatory, change.Approvals.LastOrDefault(v => (v.OnBehalfOfId ?? v.ApproverId) == a.PersonId && v.Decision == ApprovalDecision.Reject)?.Reason))
        .ToList();

    public static string Quorum(ChangeResponse change) => change.Quorum switch
    {
        null => "No approval needed.",
        { Rule: QuorumRule.All } q => $"Everyone listed must approve: {q.Approvals} of {change.Approvers.Count} so far.",
        { Rule: QuorumRule.Any } q => $"One approval is enough{Mandatory(q)}: {q.Approvals} so far.",
        { } q => $"{q.Needed} approvals needed{Mandatory(q)}: {q.Approvals} so far.",
    };

    /// <summary>The chat user ids of the approvers still to decide: Teams refreshes the card into their view for them alone.</summary>
    public async Task<IReadOnlyList<string>> PendingChatIdsAsync(ChangeResponse change, CancellationToken cancellationToken)
    {
        if (change.State != ChangeState.PendingApproval)
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var personId in change.Quorum?.Pending ?? [])
        {
            if (await conversations.FindAsync(personId, cancellationToken) is { } found)
            {
                ids.Add(found.Conversation.UserId);
            }
        }

        return ids;
    }

    /// <summary>The records linked to <paramref name="recordId"/>, both ways (CHG-15), in words: "fixes incident INC-000123".</summary>
    public async Task<IReadOnlyList<string>> LinksAsync(ItsmApiSession session, string recordId, CancellationToken cancellationToken, string? onlyPrefix = null)
    {
        try
        {
            return (await session.LinksAsync(recordId, cancellationToken))
                .Where(l => onlyPrefix is null || (l.Direction == "outgoing" ? l.ToId : l.FromId).StartsWith(onlyPrefix, StringComparison.Ordinal))
                .Select(Describe)
                .Distinct()
                .ToList();
        }
        catch (ItsmApiException hidden) when (hidden.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            return [];
        }
    }

    /// <summary>"FixesIncident" from CHG-000105 to INC-000123 reads "fixes incident INC-000123" from the change, "CHG-000105 fixes incident" from the incident.</summary>
    public static string Describe(Api.Client.Incidents.LinkView link)
    {
        var words = Words().Replace(link.Kind, " $1").Trim().ToLowerInvariant();
        return link.Direction == "outgoing" ? $"{words} {link.ToId}" : $"{link.FromId} {words}";
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial System.Text.RegularExpressions.Regex Words();

    public static string StateText(ChangeState state) => state switch
    {
        ChangeState.PendingApproval => "Pending approval",
        ChangeState.BackedOut => "Backed out",
        _ => state.ToString(),
    };

    public static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Mandatory(QuorumView quorum) => quorum.MandatoryPending.Count > 0 ? ", and every mandatory approver" : string.Empty;

    private static string Awaiting(ChangeResponse change, IReadOnlyDictionary<string, string> names)
    {
        var who = change.Awaiting.FromIds.Select(id => names.GetValueOrDefault(id, id.StartsWith("group:", StringComparison.Ordinal) ? $"the {id[6..]} group" : id)).ToList();
        var people = who.Count switch
        {
            0 => null,
            1 => who[0],
            _ => string.Join(", ", who[..^1]) + " and " + who[^1],
        };
        return people is null ? "Nothing is awaited from anyone." : $"Waiting for {people}: {change.Awaiting.What.ToLowerInvariant()}.";
    }

    private static async Task<string> CiNameAsync(ItsmApiSession session, string ciId, CancellationToken cancellationToken)
    {
        try
        {
            var ci = await session.GetCiAsync(ciId, cancellationToken);
            return $"{ci.Name} ({ci.Type})";
        }
        catch (ItsmApiException hidden) when (hidden.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            return ciId;
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> NamesAsync(ChangeResponse change, CancellationToken cancellationToken)
    {
        var names = change.Approvers.ToDictionary(a => a.PersonId, a => a.Name, StringComparer.Ordinal);
        var unknown = change.Awaiting.FromIds.Where(id => !names.ContainsKey(id) && !id.Contains(':', StringComparison.Ordinal)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            foreach (var person in await api.DirectoryAsync(unknown, cancellationToken: cancellationToken))
            {
                names[person.Id] = person.DisplayName;
            }
        }

        return names;
    }
}
