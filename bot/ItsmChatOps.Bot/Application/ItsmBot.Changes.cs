using System.Globalization;
using System.Text.RegularExpressions;
using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// Changes and configuration items: raise on the form (from the command or an incident card), approve, reject, ask or answer on
/// the card, for oneself or as a deputy, status, forward schedule, CI lookup (CHG-01, CHG-05, CHG-08, CHG-15, CFG-14).
/// </summary>
public sealed partial class ItsmBot
{
    private void MapChanges()
    {
        OnMessage("change", "Raise a change on the form: change Upgrade the payroll database on db-payroll-01", AsPerson(RaiseChangeAsync));
        OnMessage("fsc", "The forward schedule of changes: fsc Payroll 2025-12-01 2025-12-15", AsPerson(ForwardScheduleAsync));
        OnMessage("ci", "Look up a configuration item: ci db-payroll-01", AsPerson(CiAsync));
        OnMessage("chg", "Where a change stands: chg CHG-000104", AsPerson(ChangeStatusAsync));
        OnCardAction(Verbs.ChangeApprove, AsPerson(ApproveChangeAsync));
        OnCardAction(Verbs.ChangeReject, AsPerson(RejectChangeAsync));
        OnCardAction(Verbs.ChangeRefresh, AsPerson(RefreshChangeAsync));
        OnCardAction(Verbs.ChangeView, AsPerson(ViewChangeAsync));
        OnCardAction(Verbs.ChangeForm, AsPerson(ChangeFormAsync));
        OnCardAction(Verbs.ChangeCreate, AsPerson(CreateChangeAsync));
        OnCardAction(Verbs.ChangeAskInfo, AsPerson(AskInfoAsync));
        OnCardAction(Verbs.ChangeAnswer, AsPerson(AnswerQuestionAsync));
    }

    /// <summary>Staff get the change form; anyone else writing "change my password..." is asking for help, so it becomes an incident.</summary>
    private async Task RaiseChangeAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken)
    {
        if (await flows.ChangeForm.FromTextAsync(user, ArgumentOf(turn), cancellationToken) is { } reply)
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
        Replace(await flows.Changes.DecideAsync(user, Required(action, "changeId"), Input(action, "etag"), ApprovalDecision.Approve, null,
            Input(action, "onBehalfOfId"), cancellationToken));

    private async Task<CardActionResult> RejectChangeAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Changes.DecideAsync(user, Required(action, "changeId"), Input(action, "etag"), ApprovalDecision.Reject, Input(action, "reason"),
            Input(action, "onBehalfOfId"), cancellationToken));

    /// <summary>Request info: the question goes to the originator and the change stays pending (CHG-05). Slack's card has one text box for both.</summary>
    private async Task<CardActionResult> AskInfoAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Changes.DecideAsync(user, Required(action, "changeId"), Input(action, "etag"), ApprovalDecision.RequestInfo,
            Input(action, "question") ?? Input(action, "reason"), Input(action, "onBehalfOfId"), cancellationToken));

    private async Task<CardActionResult> AnswerQuestionAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Changes.AnswerAsync(user, Required(action, "changeId"), Input(action, "index"), Input(action, "answer"), cancellationToken));

    /// <summary>"Raise change" on an incident card posts the form, prefilled from the incident (CHG-01, CHG-15).</summary>
    private async Task<CardActionResult> ChangeFormAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        IncidentNumber(Input(action, "incidentId")) is { } incidentId
            ? Post(await flows.ChangeForm.FromIncidentAsync(user, incidentId, cancellationToken), $"Here's the change form for {incidentId}.")
            : Post(await flows.ChangeForm.FromTextAsync(user, Input(action, "title") ?? string.Empty, cancellationToken)
                ?? Reply.Say("Changes are raised by the IT staff. Tell me what you need and I'll get it to them."), "Here's the change form.");

    /// <summary>The form's submit: the status card with the assessment replaces the form, or the form comes back with the API's words.</summary>
    private async Task<CardActionResult> CreateChangeAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        var draft = new ChangeDraft(
            Input(action, "changeId"),
            Input(action, "incidentId"),
            Input(action, "model") ?? string.Empty,
            Input(action, "templateId"),
            Input(action, "title"),
            Input(action, "description"),
            Input(action, "scope"),
            Input(action, "benefitCategory"),
            Input(action, "justification"),
            Input(action, "cis"),
            Input(action, "windowStartDate"),
            Input(action, "windowStartTime"),
            Input(action, "windowEndDate"),
            Input(action, "windowEndTime"),
            Input(action, "implementationPlan"),
            Input(action, "backoutPlan"),
            Input(action, "testPlan"),
            Input(action, "implementer"),
            Input(action, "originRefs"),
            Input(action, "serviceIds"));
        var risk = action.Data.ValueKind == System.Text.Json.JsonValueKind.Object
            ? action.Data.EnumerateObject().Where(p => p.Name.StartsWith("risk_", StringComparison.Ordinal) && Input(action, p.Name) is not null)
                .ToDictionary(p => p.Name[5..], p => Input(action, p.Name)!, StringComparer.Ordinal)
            : [];
        var key = Input(action, "idempotencyKey") ?? $"{turn.Activity.Conversation?.Id}:{action.CardActivityId}";
        return Replace(await flows.ChangeForm.SubmitAsync(user, draft, risk, key, cancellationToken));
    }

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
