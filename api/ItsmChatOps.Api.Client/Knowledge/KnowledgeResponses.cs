namespace ItsmChatOps.Api.Client.Knowledge;

/// <summary>A knowledge item as the API returns it: the live version, and the next version while one is being written.</summary>
public sealed record KnowledgeItemResponse
{
    public required string Id { get; init; }
    public required KnowledgeKind Kind { get; init; }
    public required KnowledgeState State { get; init; }
    public required int Version { get; init; }
    public required KnowledgeContentView Content { get; init; }
    public required string OwnerId { get; init; }
    public required DateTimeOffset ReviewDue { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? LastVerifiedAt { get; init; }
    public string? KnownErrorId { get; init; }
    public string? ProblemId { get; init; }
    public required FeedbackView Feedback { get; init; }
    public required EffectivenessView Effectiveness { get; init; }
    public int Deflections { get; init; }
    public KnowledgeRevisionView? Revision { get; init; }
    public IReadOnlyList<KnowledgeVersionView> History { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string ETag { get; init; }
}

/// <summary>The text and applicability of one version of an item.</summary>
public sealed record KnowledgeContentView
{
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required KnowledgeAudience Audience { get; init; }
    public string? Symptoms { get; init; }
    public IReadOnlyList<string> ServiceIds { get; init; } = [];
    public IReadOnlyList<string> CiIds { get; init; } = [];
    public IReadOnlyList<string> Versions { get; init; } = [];
    public string? Conditions { get; init; }
    public IReadOnlyList<string> Steps { get; init; } = [];
    public string? Risks { get; init; }
    public SpecialistDetails? Specialist { get; init; }
}

/// <summary>The next version of a Published item, in Draft or InReview; the live version is served until it is published.</summary>
public sealed record KnowledgeRevisionView(int Version, KnowledgeState State, string AuthorId, KnowledgeContentView Content);

public sealed record KnowledgeVersionView(int Version, DateTimeOffset PublishedAt, string PublishedBy, string Title);

/// <summary>"Did this help?" totals (KB-04); <see cref="Flagged"/> once the helpful rate fell under the policy's threshold.</summary>
public sealed record FeedbackView(int Helpful, int NotHelpful, double? HelpfulRate, bool Flagged);

/// <summary>KB-03: the share of incidents a workaround was applied to that were restored without being reopened.</summary>
public sealed record EffectivenessView(int Applied, int Reopened, double? Rate);

/// <summary>A row of a knowledge list.</summary>
public sealed record KnowledgeItemSummary(string Id, KnowledgeKind Kind, KnowledgeState State, int Version, string Title, KnowledgeAudience Audience, bool HasRevision, DateTimeOffset UpdatedAt);

/// <summary>One search result; <see cref="Score"/> is the fused rank score scaled to 0–1, <see cref="Similarity"/> the cosine of the sentence embeddings.</summary>
public sealed record SearchHit
{
    public required string Id { get; init; }
    public required HitSource Source { get; init; }
    public KnowledgeKind? Kind { get; init; }
    public required string Title { get; init; }
    public required string Snippet { get; init; }
    public required string Link { get; init; }
    public required double Score { get; init; }
    public required double Similarity { get; init; }
    public IReadOnlyList<string> ServiceIds { get; init; } = [];
}

public sealed record SearchResponse(string Query, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// An answer and the items it rests on. Generated and extractive answers always have sources; with
/// none, the mode is NoAnswer and the bot offers to raise an incident carrying the question (KB-01).
/// </summary>
public sealed record AnswerResponse
{
    public required string Question { get; init; }
    public required AnswerMode Mode { get; init; }
    public required string Answer { get; init; }
    public IReadOnlyList<AnswerSource> Sources { get; init; } = [];
    public bool SuggestRaiseIncident { get; init; }
}

public sealed record AnswerSource(string Id, HitSource Source, KnowledgeKind? Kind, string Title, string Link, string Snippet, double Score);

/// <summary>INC-09: the top matches for an incident, with scores, for the "Suggested fixes" card.</summary>
public sealed record SuggestionsResponse(string IncidentId, IReadOnlyList<SearchHit> Suggestions);

/// <summary>The specialist directory for a service (KB-02, <c>/itsm who</c>).</summary>
public sealed record WhoResponse(string ServiceId, string ServiceName, IReadOnlyList<SpecialistEntry> Entries);

public sealed record SpecialistEntry(
    string ItemId,
    string Title,
    IReadOnlyList<SpecialistGroup> Groups,
    IReadOnlyList<string> PersonIds,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> SupplierContacts,
    string? OnCallContact);

public sealed record SpecialistGroup(string Id, string Name, string? LeadId, string? ChannelRef);

public sealed record SelfHelpResponse(SelfHelpOutcome Outcome, IReadOnlyList<string> ItemIds, string? IncidentId);

/// <summary>Most-asked questions over a period (report).</summary>
public sealed record AskedQuestion(string Question, int Count, int Unanswered, DateTimeOffset LastAskedAt);

/// <summary>Least helpful items (report, KB-04).</summary>
public sealed record HelpfulnessRow(string Id, string Title, string OwnerId, int Helpful, int NotHelpful, double HelpfulRate, bool Flagged);
