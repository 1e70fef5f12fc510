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

/// <summary>
/// A stakeholder update (MAJ-06) as the war room, the service desk and the affected people receive it. Someone asked to
/// acknowledge the major incident (MAJ-07, the SLA's escalation contacts of SLM-13) gets an "Acknowledge" button
/// (<see cref="AskToAcknowledge"/>); once they did, <see cref="Acknowledged"/> says so in its place.
/// </summary>
public sealed record MajorIncidentUpdateCard(MajorIncidentView Major, int Number, string Status, string BusinessImpact, string Actions, string? Workaround,
    DateTimeOffset NextUpdateDue, DateTimeOffset At, bool AskToAcknowledge = false, string? Acknowledged = null) : ICardModel
{
    public static string TemplateName => "major-incident-update";
}

/// <summary>The manager's form for the next stakeholder update (MAJ-06), posted in the war room by the <c>update</c> command.</summary>
public sealed record MajorIncidentUpdateFormCard(string MajorIncidentId, string IncidentId, int NextUpdateInMinutes) : ICardModel
{
    public static string TemplateName => "major-incident-update-form";
}

/// <summary>
/// The review card (MAJ-09), posted in the war room and to the manager once service is restored: key timeline entries,
/// then either the form (what went well, what went badly, whether the root cause is known, up to three actions with
/// owners and due dates; the API's field errors above it) or the completed review, which the incident manager approves
/// to close the major incident. Inputs come back as whatWorked, whatDidNotWork, rootCauseKnown ("true"/"false") and
/// action{n}Text, action{n}Owner, action{n}Due (yyyy-MM-dd), action{n}Problem (PRB id, making the action a problem).
/// </summary>
public sealed record MajorIncidentReviewCard(
    MajorIncidentView Major,
    string ImpactDuration,
    DateTimeOffset? ReviewDue,
    IReadOnlyList<ReviewTimelineLine> Timeline,
    ReviewDraft Draft,
    IReadOnlyList<CardFieldError> Errors,
    CompletedReview? Completed) : ICardModel
{
    public static string TemplateName => "major-incident-review";

    public const int ActionRows = 3;

    /// <summary>The action rows while the form shows (Slack repeats input blocks over it); none once the review is complete.</summary>
    public IReadOnlyList<ReviewDraftAction> FormActions => Completed is null ? Draft.Actions : [];

    public IReadOnlyList<CompletedReviewAction> CompletedActions => Completed?.Actions ?? [];
}

/// <summary>One key entry of the timeline: when, who, what.</summary>
public sealed record ReviewTimelineLine(DateTimeOffset At, string Who, string What);

public sealed record ReviewDraft(string? WhatWorked, string? WhatDidNotWork, string RootCauseKnown, IReadOnlyList<ReviewDraftAction> Actions);

/// <summary>An action row of the form; <see cref="Number"/> names its inputs.</summary>
public sealed record ReviewDraftAction(int Number, string? Text, string? Owner, string? DueOn, string? ProblemId);

/// <summary>The review as completed: who completed it, the actions and what they became, and the approval once given.</summary>
public sealed record CompletedReview(
    string WhatWorked,
    string WhatDidNotWork,
    string RootCause,
    IReadOnlyList<CompletedReviewAction> Actions,
    string CompletedBy,
    DateTimeOffset CompletedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt);

public sealed record CompletedReviewAction(int Number, string Text, string Owner, string Due, string Becomes);
