using ItsmChatOps.Api.Client.MajorIncidents;

namespace ItsmChatOps.Bot.Cards.ViewModels;

public enum IncidentState
{
    New,
    Assigned,
    InProgress,
    OnHold,
    Resolved,
    Closed,
    Cancelled,
}

public enum Priority
{
    P1,
    P2,
    P3,
    P4,
    P5,
}

/// <summary>Where the resolution target stands (SLM-11): the flag every incident card and list shows.</summary>
public enum SlaStatus
{
    OnTrack,
    AtRisk,
    Breached,
}

/// <summary>
/// An incident as cards show it. Templates decide what a viewer sees: a security incident
/// (<see cref="IsSecurity"/>) shows only its number in channels and "Restricted" in lists (SEC-03).
/// </summary>
public sealed record IncidentView(
    string Id,
    string Number,
    string Summary,
    string? Service,
    IncidentState State,
    Priority Priority,
    DateTimeOffset? ResolutionDue,
    SlaStatus SlaStatus,
    string? AssignedGroup,
    bool IsSecurity,
    string Etag)
{
    public string StateText => CardWords.State(State);

    public string PriorityMeaning => CardWords.PriorityMeaning(Priority);
}

/// <summary>A person cards name or address; <see cref="Id"/> is the chat user id (in Teams the 29:… id refresh needs).</summary>
public sealed record CardPerson(string Id, string Name);

/// <summary>Plain words for the states and priorities, next to the cards that show them.</summary>
public static class CardWords
{
    public static string State(IncidentState state) => state switch
    {
        IncidentState.New => "New",
        IncidentState.Assigned => "Assigned",
        IncidentState.InProgress => "In progress",
        IncidentState.OnHold => "On hold",
        IncidentState.Resolved => "Resolved",
        IncidentState.Closed => "Closed",
        IncidentState.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string State(MajorIncidentState state) => state switch
    {
        MajorIncidentState.Proposed => "Proposed",
        MajorIncidentState.Declared => "Declared",
        MajorIncidentState.Rejected => "Not major",
        MajorIncidentState.Downgraded => "Downgraded",
        MajorIncidentState.Restored => "Restored",
        MajorIncidentState.ReviewPending => "Review pending",
        MajorIncidentState.Closed => "Closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string PriorityMeaning(Priority priority) => priority switch
    {
        Priority.P1 => "Critical: work has stopped for many people",
        Priority.P2 => "High: serious impact, handled urgently",
        Priority.P3 => "Medium: handled in normal order",
        Priority.P4 => "Low: minor impact",
        Priority.P5 => "Planning: no time pressure",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    };
}
