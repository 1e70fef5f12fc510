using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Application;

/// <summary>Confirming closure (INC-05, INC-17): "Yes, it's fixed", "Not fixed" with a reason, and Teams' per-user refresh.</summary>
public sealed partial class ItsmBot
{
    private void MapClosure()
    {
        OnCardAction(Verbs.IncidentConfirm, AsPerson(ConfirmAsync));
        OnCardAction(Verbs.IncidentReject, AsPerson(RejectAsync));
        OnCardAction(Verbs.IncidentClosureRefresh, AsPerson(ClosureRefreshAsync));
    }

    private async Task<CardActionResult> ConfirmAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Closure.AnswerAsync(user, Required(action, "incidentId"), Input(action, "etag"), ResolvedAt(action), fixedIt: true, reason: null, cancellationToken));

    private async Task<CardActionResult> RejectAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Closure.AnswerAsync(user, Required(action, "incidentId"), Input(action, "etag"), ResolvedAt(action), fixedIt: false, Input(action, "reason"), cancellationToken));

    private async Task<CardActionResult> ClosureRefreshAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Closure.RefreshAsync(user, Required(action, "incidentId"), cancellationToken));

    private static DateTimeOffset? ResolvedAt(CardAction action) =>
        DateTimeOffset.TryParse(Input(action, "resolvedAt"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
