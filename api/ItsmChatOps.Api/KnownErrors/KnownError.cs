using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.KnownErrors;

/// <summary>A known error as stored (requirements §17): a fault with a known root cause and workaround, until it is fixed or decided not to be.</summary>
public sealed class KnownError : RecordDocument
{
    public const string Type = "known-error";

    public static readonly DateTimeOffset NoTimer = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public override string RecordType => Type;

    public string? ProblemId { get; set; }
    public required string Title { get; set; }
    public string? Symptoms { get; set; }
    public string? RootCause { get; set; }
    public string? Workaround { get; set; }
    public string? WorkaroundKbId { get; set; }
    public KnownErrorState State { get; set; }
    public KnownErrorSource Source { get; set; }
    public List<string> AffectedServiceIds { get; set; } = [];
    public List<string> SuspectedCiIds { get; set; } = [];

    /// <summary>Suspected CIs that configuration management reported Withdrawn or Disposed (PRB-05 b).</summary>
    public List<string> RetiredCiIds { get; set; } = [];
    public KnownErrorDecision? Decision { get; set; }
    public KnownErrorClosure? Closure { get; set; }
    public string? ClosureReason { get; set; }
    public List<LinkedChange> Changes { get; set; } = [];
    public List<LinkedIncident> Incidents { get; set; } = [];
    public int IncidentsSinceDecision { get; set; }
    public DateTimeOffset? ReassessmentRaisedAt { get; set; }
    public string ProblemManagerId { get; set; } = "";
    public DateTimeOffset NextTimerAt { get; set; } = NoTimer;

    public bool IsOpen => State != KnownErrorState.Closed;

    /// <summary>PRB-06: the decision's review date, while the decision stands and its reassessment was not raised.</summary>
    public void ScheduleNextTimer() =>
        NextTimerAt = State == KnownErrorState.Accepted && Decision is { } d && ReassessmentRaisedAt is null ? d.ReviewDate : NoTimer;
}

/// <summary>The decision not to fix (PRB-06).</summary>
public sealed record KnownErrorDecision(string DecidedById, DecisionParty DecidedBy, string Organization, string Reason, DateTimeOffset DecidedAt, DateTimeOffset ReviewDate);

/// <summary>A change linked to a problem or known error and what its events said of it last (PRB-07).</summary>
public sealed record LinkedChange(string ChangeId, LinkedChangeStatus Status, DateTimeOffset UpdatedAt, DateTimeOffset? ScheduledFor);

public sealed record LinkedIncident(string IncidentId, DateTimeOffset At);
