namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>
/// The reply after an incident is raised (INC-01): number, priority and its meaning, due time; for staff, the records
/// possibly related to it (INC-04).
/// </summary>
public sealed record IncidentCreatedCard(IncidentView Incident, string IdempotencyKey, PossiblyRelated Related) : ICardModel
{
    public static string TemplateName => "incident-created";
}

/// <summary>
/// INC-04: open problems and changes implemented in the last 7 days on the incident's service or CIs, as the API
/// shows them to the viewer (staff only). Cards show the section only when there is something in it.
/// </summary>
public sealed record PossiblyRelated(IReadOnlyList<RelatedRecordItem> Problems, IReadOnlyList<RelatedRecordItem> Changes)
{
    public static PossiblyRelated None { get; } = new([], []);

    public bool HasAny => Problems.Count > 0 || Changes.Count > 0;
}

/// <summary>One related record: its number, title and, for a change, when its implementation finished.</summary>
public sealed record RelatedRecordItem(string Number, string Title, DateTimeOffset? ImplementedAt);

/// <summary>
/// A reporter's view of their incident (SLM-19): customer-visible notes only. The card refreshes itself for
/// <see cref="RefreshUserIds"/> (normally the reporter) so it stays current in Teams. Staff also see what is possibly
/// related (INC-04), get "Raise change" (CHG-01) and see the changes linked to the incident (<see cref="LinkedChanges"/>, CHG-15).
/// </summary>
public sealed record IncidentStatusCard(
    IncidentView Incident,
    IReadOnlyList<IncidentNote> Notes,
    bool CanWithdraw,
    IReadOnlyList<string> RefreshUserIds,
    string IdempotencyKey,
    PossiblyRelated Related,
    string? Notice = null,
    bool CanDeclareMajor = false,
    bool CanRaiseChange = false,
    string? LinkedChanges = null) : ICardModel
{
    public static string TemplateName => "incident-status";
}

public sealed record IncidentNote(string Author, DateTimeOffset At, string Text);

/// <summary>"My incidents": one row per incident, or a friendly empty state.</summary>
public sealed record IncidentListCard(IReadOnlyList<IncidentView> Incidents, int TotalCount) : ICardModel
{
    public static string TemplateName => "incident-list";
}

/// <summary>An incident announced in a channel, with "Me too" (INC-12); a security incident shows only its number.</summary>
public sealed record IncidentChannelCard(IncidentView Incident, int AffectedCount) : ICardModel
{
    public static string TemplateName => "incident-channel";
}

public enum IncidentUpdateKind
{
    AssignedToGroup,
    WorkaroundAvailable,
    Resolved,
    StateChanged,

    /// <summary>A customer-visible note from the team (INC-10); <see cref="IncidentUpdateCard.Detail"/> is its text.</summary>
    NoteAdded,
}

/// <summary>A progress notice to the reporter and watchers (INC-11); <see cref="Detail"/> is the workaround or resolution text.</summary>
public sealed record IncidentUpdateCard(
    IncidentUpdateKind Kind,
    IncidentView Incident,
    string? Detail,
    DateTimeOffset At) : ICardModel
{
    public static string TemplateName => "incident-update";
}
