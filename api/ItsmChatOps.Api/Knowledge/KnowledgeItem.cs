using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>
/// A knowledge item as stored (requirements §17, KbItem): the live version's content, and while an
/// edit of a Published item is being written, the next version beside it (KB-06), so the live one is
/// served until the next is published.
/// </summary>
public sealed class KnowledgeItem : RecordDocument
{
    public const string Type = "knowledge";

    /// <summary>Sort value of <see cref="NextTimerAt"/> when nothing is scheduled (sort keys are never null).</summary>
    public static readonly DateTimeOffset NoTimer = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public override string RecordType => Type;

    public required KnowledgeKind Kind { get; set; }
    public KnowledgeState State { get; set; }
    public int Version { get; set; } = 1;
    public required KnowledgeContent Content { get; set; }
    public required string OwnerId { get; set; }
    public DateTimeOffset ReviewDue { get; set; }
    public DateTimeOffset? ReviewReminderSentAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? LastVerifiedAt { get; set; }
    public string? KnownErrorId { get; set; }
    public string? ProblemId { get; set; }
    public int Helpful { get; set; }
    public int NotHelpful { get; set; }
    public bool Flagged { get; set; }
    public List<string> AppliedIncidentIds { get; set; } = [];
    public List<string> ReopenedIncidentIds { get; set; } = [];
    public int Deflections { get; set; }
    public KnowledgeRevision? Revision { get; set; }
    public List<KnowledgeVersion> History { get; set; } = [];
    public DateTimeOffset NextTimerAt { get; set; } = NoTimer;

    public bool IsLive => State is KnowledgeState.Published;

    /// <summary>Known errors and workarounds may also be published by the problem manager (§16.9).</summary>
    public bool IsProblemKnowledge => Kind is KnowledgeKind.KnownError or KnowledgeKind.Workaround;

    public double? HelpfulRate => Helpful + NotHelpful == 0 ? null : (double)Helpful / (Helpful + NotHelpful);

    public double? Effectiveness => AppliedIncidentIds.Count == 0 ? null
        : (double)(AppliedIncidentIds.Count - ReopenedIncidentIds.Count) / AppliedIncidentIds.Count;

    public void ScheduleNextTimer() =>
        NextTimerAt = State == KnowledgeState.Published && ReviewReminderSentAt is null ? ReviewDue : NoTimer;
}

/// <summary>The text and applicability of one version (KB-02, KB-03).</summary>
public sealed record KnowledgeContent
{
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required KnowledgeAudience Audience { get; init; }
    public string? Symptoms { get; init; }
    public List<string> ServiceIds { get; init; } = [];
    public List<string> CiIds { get; init; } = [];
    public List<string> Versions { get; init; } = [];
    public string? Conditions { get; init; }
    public List<string> Steps { get; init; } = [];
    public string? Risks { get; init; }
    public Specialist? Specialist { get; init; }

    /// <summary>What search and answers read: title, symptoms, body and steps.</summary>
    public string SearchText => string.Join("\n", new[] { Title, Symptoms, Body, string.Join("\n", Steps) }.Where(t => !string.IsNullOrWhiteSpace(t)));
}

public sealed record Specialist(List<string> GroupIds, List<string> PersonIds, List<string> Skills, List<string> SupplierContacts, string? OnCallContact);

/// <summary>The next version of a Published item, worked on while the live one is served.</summary>
public sealed record KnowledgeRevision(int Version, KnowledgeState State, string AuthorId, KnowledgeContent Content);

public sealed record KnowledgeVersion(int Version, DateTimeOffset PublishedAt, string PublishedBy, string Title);
