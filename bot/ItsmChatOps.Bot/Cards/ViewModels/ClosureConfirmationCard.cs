namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>
/// "Is it fixed?" (INC-05, INC-17). One template, two views: the reporter's, with the answer buttons
/// (<see cref="ViewerCanAnswer"/>), and the read-only one everyone else sees, which is also what the
/// card shows once <see cref="Decision"/> is set. In Teams the card is posted read-only and refreshes
/// into the reporter's view for the reporter alone. <see cref="Notice"/> says why the card changed
/// (a reminder, a click on an outdated card).
/// </summary>
public sealed record ClosureConfirmationCard(
    IncidentView Incident,
    string ResolutionNotes,
    DateTimeOffset ResolvedAt,
    DateTimeOffset? ConfirmBy,
    CardPerson Reporter,
    bool ViewerCanAnswer,
    ClosureDecision? Decision,
    string IdempotencyKey,
    string? Notice = null) : ICardModel
{
    public static string TemplateName => "closure-confirmation";
}

public enum ClosureOutcome
{
    Confirmed,
    Rejected,
    TimedOut,
}

public sealed record ClosureDecision(ClosureOutcome Outcome, DateTimeOffset At, string? Reason);
