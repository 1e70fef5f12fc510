namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>A major incident as its cards show it (MAJ-03, MAJ-05, MAJ-06): who runs it, where it stands, when the next update is due.</summary>
public sealed record MajorIncidentView(
    string Id,
    string IncidentId,
    string Summary,
    string State,
    string Priority,
    string Impact,
    string Manager,
    string? PendingManager,
    DateTimeOffset? NextUpdateDue,
    int MissedUpdates,
    int ChildCount,
    string? LastUpdate,
    string? WarRoomLink);

/// <summary>The headline card pinned at the top of the war room and replaced in place as the major incident moves (MAJ-05).</summary>
public sealed record MajorIncidentHeadlineCard(MajorIncidentView Major, string? Notice) : ICardModel
{
    public static string TemplateName => "major-incident-headline";
}

/// <summary>A stakeholder update (MAJ-06) as the war room, the service desk and the affected people receive it.</summary>
public sealed record MajorIncidentUpdateCard(MajorIncidentView Major, int Number, string Status, string BusinessImpact, string Actions, string? Workaround,
    DateTimeOffset NextUpdateDue, DateTimeOffset At) : ICardModel
{
    public static string TemplateName => "major-incident-update";
}

/// <summary>The manager's form for the next stakeholder update (MAJ-06), posted in the war room by the <c>update</c> command.</summary>
public sealed record MajorIncidentUpdateFormCard(string MajorIncidentId, string IncidentId, int NextUpdateInMinutes) : ICardModel
{
    public static string TemplateName => "major-incident-update-form";
}
