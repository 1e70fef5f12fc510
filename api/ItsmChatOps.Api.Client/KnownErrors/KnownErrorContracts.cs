using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Client.KnownErrors;

/// <summary>Known error lifecycle (requirements §16.4).</summary>
public enum KnownErrorState
{
    Draft,
    Published,
    FixScheduled,
    FixDeployed,
    Accepted,
    Closed,
}

public enum KnownErrorSource
{
    Problem,
    Supplier,
    ReleaseTest,
}

/// <summary>Why a known error closed (PRB-05).</summary>
public enum KnownErrorClosure
{
    /// <summary>(a) a linked change closed successfully.</summary>
    FixDeployed,

    /// <summary>(b) its services are Retired, or its CIs Withdrawn or Disposed.</summary>
    NotApplicable,
}

/// <summary>Who took a decision not to fix (PRB-06).</summary>
public enum DecisionParty
{
    Customer,
    Supplier,
}

/// <summary>Move a known error along §16.4; other moves are 409.</summary>
public sealed record TransitionKnownErrorRequest
{
    [Required]
    public KnownErrorState? To { get; init; }

    [StringLength(2000)]
    public string? Reason { get; init; }

    /// <summary>Closed as NotApplicable (PRB-05 b) rather than after a fix.</summary>
    public bool? NotApplicable { get; init; }

    /// <summary>Accepted: the decision not to fix (PRB-06).</summary>
    public KnownErrorDecisionRequest? Decision { get; init; }
}

public sealed record KnownErrorDecisionRequest
{
    [Required]
    public DecisionParty? DecidedBy { get; init; }

    [Required, StringLength(200, MinimumLength = 2)]
    public string? Organization { get; init; }

    [Required, StringLength(2000, MinimumLength = 5)]
    public string? Reason { get; init; }

    /// <summary>Defaults to the policy's review period (6 months).</summary>
    public DateTimeOffset? ReviewDate { get; init; }
}

/// <summary>Edit symptoms, root cause or workaround; a new workaround makes a new version of the KB entry (KB-05).</summary>
public sealed record UpdateKnownErrorRequest
{
    [StringLength(4000)]
    public string? Symptoms { get; init; }

    [StringLength(8000)]
    public string? RootCause { get; init; }

    [StringLength(8000, MinimumLength = 10)]
    public string? Workaround { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? AffectedServiceIds { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? SuspectedCiIds { get; init; }
}

/// <summary>Link a change that fixes the known error (PRB-07).</summary>
public sealed record LinkKnownErrorChangeRequest(
    [property: Required, RegularExpression("^CHG-[0-9]{6}$", ErrorMessage = "A change id looks like CHG-000123.")] string? ChangeId);

public sealed record KnownErrorResponse
{
    public required string Id { get; init; }
    public string? ProblemId { get; init; }
    public required string Title { get; init; }
    public string? Symptoms { get; init; }
    public string? RootCause { get; init; }
    public string? Workaround { get; init; }
    public string? WorkaroundKbId { get; init; }
    public required KnownErrorState State { get; init; }
    public required KnownErrorSource Source { get; init; }
    public IReadOnlyList<string> AffectedServiceIds { get; init; } = [];
    public IReadOnlyList<string> SuspectedCiIds { get; init; } = [];
    public KnownErrorDecisionView? Decision { get; init; }
    public KnownErrorClosure? Closure { get; init; }
    public string? ClosureReason { get; init; }
    public IReadOnlyList<string> ChangeIds { get; init; } = [];

    /// <summary>PRB-17: incidents linked, in total and in the last 30 days.</summary>
    public required int LinkedIncidentCount { get; init; }
    public required int LinkedIncidentsLast30Days { get; init; }
    public int IncidentsSinceDecision { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string ETag { get; init; }
}

public sealed record KnownErrorDecisionView(string DecidedById, DecisionParty DecidedBy, string Organization, string Reason, DateTimeOffset DecidedAt, DateTimeOffset ReviewDate);
