namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>
/// An answer from the knowledge base (KB-01): the answer, its sources with links, "Did this help?" on the
/// top source, and "Raise an incident" carrying the question. With no answer (<see cref="HasAnswer"/>
/// false) it says so and offers the incident straight away.
/// </summary>
public sealed record KnowledgeAnswerCard(
    string Question,
    bool HasAnswer,
    bool IsGenerated,
    string Answer,
    IReadOnlyList<KnowledgeSourceView> Sources,
    string? TopSourceId,
    string IdempotencyKey) : ICardModel
{
    public static string TemplateName => "kb-answer";
}

/// <summary>
/// A knowledge item as cards show it: title and a snippet, opened in the chat with "Open" (the item card, read as the
/// person who clicks, so its audience is checked again). <see cref="Source"/> is "KnowledgeItem" or "ResolvedIncident".
/// </summary>
public sealed record KnowledgeSourceView(string Id, string Kind, string Title, string Snippet, string Source);

/// <summary>
/// Self-help before the incident form (KB-08): matching items, each with "This solved it" (a deflection),
/// and "Still need help" which goes on to the form with the viewed items attached. For an agent on an
/// incident (INC-09) it shows the match scores and "Apply to incident" instead. <see cref="ServiceId"/> is empty when unknown.
/// </summary>
public sealed record SuggestedFixesCard(
    string Question,
    string ServiceId,
    string? IncidentId,
    string? IncidentNumber,
    IReadOnlyList<SuggestedFixView> Fixes,
    string ViewedItemIds,
    string IdempotencyKey) : ICardModel
{
    public static string TemplateName => "suggested-fixes";
}

/// <summary>
/// A suggested item; <see cref="ScorePercent"/> is the match score shown to agents. <see cref="CanApply"/> is false for a
/// resolved incident, which is opened rather than applied.
/// </summary>
public sealed record SuggestedFixView(string Id, string Kind, string Title, string Snippet, string Source, int ScorePercent, bool CanApply);

/// <summary>
/// A recurring-incident cluster for the problem manager (PRB-02): accept to create the problem, or dismiss with a reason.
/// Once decided, <see cref="Decision"/> is "Accepted" (with <see cref="ProblemNumber"/>) or "Dismissed" (with the reason
/// and the date until which the cluster is not proposed again), with <see cref="DecidedBy"/> naming who decided; every problem
/// manager's copy shows the same outcome. <see cref="Notice"/> tells someone whose click came too late that it was decided already.
/// </summary>
public sealed record ProblemCandidateCard(
    string CandidateId,
    string Category,
    string Where,
    IReadOnlyList<CandidateIncidentView> Incidents,
    string? Decision,
    string? ProblemNumber,
    string? DismissReason,
    DateTimeOffset? SuppressedUntil,
    string? DecidedBy,
    string? Notice,
    string IdempotencyKey) : ICardModel
{
    public static string TemplateName => "problem-candidate";
}

public sealed record CandidateIncidentView(string Number, string Summary, DateTimeOffset RaisedAt);

/// <summary>A known error as the service desk sees it (KB-05, PRB-17): symptoms, workaround, fix status and usage.</summary>
public sealed record KnownErrorCard(
    string Id,
    string Title,
    string StateText,
    string? Symptoms,
    string? Workaround,
    IReadOnlyList<string> Services,
    int LinkedIncidents,
    int LinkedIncidentsLast30Days,
    string? IncidentId,
    string? WorkaroundItemId) : ICardModel
{
    public static string TemplateName => "known-error";
}

/// <summary>
/// One knowledge item read in the chat, as the person may see it (KB-07): what "Open" on a source shows instead of a
/// link to a page the person could not sign in to. "Did this help?" records feedback (KB-04).
/// </summary>
public sealed record KnowledgeItemCard(
    string Id,
    string Kind,
    string Title,
    string Body,
    string? Symptoms,
    IReadOnlyList<string> Steps,
    string? Risks,
    IReadOnlyList<string> Services,
    int Version,
    DateTimeOffset? PublishedAt,
    bool Retired,
    string IdempotencyKey) : ICardModel
{
    public static string TemplateName => "knowledge-item";
}
