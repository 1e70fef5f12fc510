using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>A problem as stored (requirements §17): the unknown cause of one or more incidents, until it is removed.</summary>
public sealed class Problem : RecordDocument
{
    public const string Type = "problem";

    public static readonly DateTimeOffset NoTimer = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public override string RecordType => Type;

    public required string Title { get; set; }
    public string? Description { get; set; }
    public ProblemState State { get; set; }
    public bool Open { get; set; } = true;
    public ProblemSource Source { get; set; }
    public List<string> ServiceIds { get; set; } = [];
    public List<string> CiIds { get; set; } = [];
    public string? Category { get; set; }
    public Impact Impact { get; set; }
    public Urgency Urgency { get; set; }
    public Priority Priority { get; set; }
    public int MatrixVersion { get; set; }
    public List<string> BusinessAreas { get; set; } = [];
    public required string OwnerId { get; set; }
    public string? AnalystId { get; set; }
    public string? GroupId { get; set; }
    public List<Ownership> OwnershipHistory { get; set; } = [];
    public string? RootCause { get; set; }
    public string? CauseCategory { get; set; }
    public string? ResolutionMethod { get; set; }
    public string? CustomerText { get; set; }
    public List<Workaround> Workarounds { get; set; } = [];
    public List<ProblemAction> Actions { get; set; } = [];
    public List<EffortEntry> Effort { get; set; } = [];
    public List<string> IncidentIds { get; set; } = [];
    public List<string> KnownErrorIds { get; set; } = [];
    public List<LinkedChange> Changes { get; set; } = [];
    public List<Escalation> Escalations { get; set; } = [];
    public CustomerAgreement? CustomerAgreement { get; set; }
    public CustomerNotice? CustomerNotice { get; set; }
    public string? DuplicateOfId { get; set; }
    public DateTimeOffset? RootCauseIdentifiedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset NextTimerAt { get; set; } = NoTimer;

    public bool IsTerminal => State is ProblemState.Closed or ProblemState.Cancelled;

    public void RefreshDerived() => Open = !IsTerminal;
}

public sealed record Ownership(string OwnerId, string? AnalystId, string? GroupId, DateTimeOffset From, DateTimeOffset? To);

public sealed record Workaround(string Text, string? CustomerText, string? SourceIncidentId, string AddedBy, DateTimeOffset AddedAt, string? KnowledgeItemId);

public sealed record ProblemAction(string Id, string Task, string OwnerId, DateTimeOffset Due, ProblemActionState State, DateTimeOffset? RemindedAt);

public sealed record EffortEntry(string PersonId, int Minutes, string? Note, DateTimeOffset At);

/// <summary>An age target passed (PRB-11): <c>RootCause</c> or <c>FixApproved</c>, at a level (1 problem manager, 2 service owners).</summary>
public sealed record Escalation(string Target, int Level, DateTimeOffset At, List<string> Notified);

public sealed record CustomerAgreement(string ById, DateTimeOffset At, string? Note);

public sealed record CustomerNotice(string Text, string EventId, DateTimeOffset SentAt, DateTimeOffset? DeliveredAt);
