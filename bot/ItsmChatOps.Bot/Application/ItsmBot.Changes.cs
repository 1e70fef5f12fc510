using System.Globalization;
using System.Text.RegularExpressions;
using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Application;

/// <summary>Changes and configuration items: raise, approve or reject on the card, status, forward schedule, CI lookup (CHG-05, CHG-08, CFG-14).</summary>
public sealed partial class ItsmBot
{
    private void MapChanges()
    {
        OnMessage("change", "Raise a change: change Upgrade the payroll database on db-payroll-01", AsPerson(RaiseChangeAsync));
        OnMessage("fsc", "The forward schedule of changes: fsc Payroll 2025-12-01 2025-12-15", AsPerson(ForwardScheduleAsync));
        OnMessage("ci", "Look up a configuration item: ci db-payroll-01", AsPerson(CiAsync));
        OnMessage("chg", "Where a change stands: chg CHG-000104", AsPerson(ChangeStatusAsync));
        OnCardAction(Verbs.ChangeApprove, AsPerson(ApproveChangeAsync));
        OnCardAction(Verbs.ChangeReject, AsPerson(RejectChangeAsync));
        OnCardAction(Verbs.ChangeRefresh, AsPerson(RefreshChangeAsync));
        OnCardAction(Verbs.ChangeView, AsPerson(ViewChangeAsync));
    }

    /// <summary>Staff raise a change; anyone else writing "change my password..." is asking for help, so it becomes an incident.</summary>
    private async Task RaiseChangeAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken)
    {
        if (await flows.Changes.RaiseAsync(user, ArgumentOf(turn), cancellationToken) is { } reply)
        {
            await SendAsync(turn, reply, cancellationToken);
            return;
        }

        await RaiseFromAsync(turn, user, turn.Text, cancellationToken);
    }

    private async Task ForwardScheduleAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken) =>
        await SendAsync(turn, await flows.Schedule.ForwardScheduleAsync(user, ArgumentOf(turn), cancellationToken), cancellationToken);

    private async Task CiAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken) =>
        await SendAsync(turn, await flows.Schedule.CiAsync(user, ArgumentOf(turn), cancellationToken), cancellationToken);

    private async Task ChangeStatusAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken)
    {
        var reply = ChangeNumber(ArgumentOf(turn)) is { } id
            ? await flows.Changes.StatusAsync(user, id, cancellationToken)
            : Reply.Say("Which change? Type **chg** and its number, for example *chg CHG-000104*.");
        await SendAsync(turn, reply, cancellationToken);
    }

    private async Task<CardActionResult> ApproveChangeAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Changes.DecideAsync(user, Required(action, "changeId"), Input(action, "etag"), approve: true, reason: null, cancellationToken));

    private async Task<CardActionResult> RejectChangeAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Changes.DecideAsync(user, Required(action, "changeId"), Input(action, "etag"), approve: false, Input(action, "reason"), cancellationToken));

    private async Task<CardActionResult> RefreshChangeAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Changes.RefreshApprovalAsync(user, Required(action, "changeId"), cancellationToken));

    private async Task<CardActionResult> ViewChangeAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Changes.StatusAsync(user, Required(action, "changeId"), cancellationToken));

    /// <summary>CHG-000104 from "CHG-000104", "chg 104" or "104".</summary>
    public static string? ChangeNumber(string? text) =>
        text is not null && ChangeNumberPattern().Match(text) is { Success: true } match
            ? string.Create(CultureInfo.InvariantCulture, $"CHG-{long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture):D6}")
            : null;

    [GeneratedRegex(@"^\s*(?:chg|change)?[\s\-#]*0*(\d{1,9})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeNumberPattern();
}
