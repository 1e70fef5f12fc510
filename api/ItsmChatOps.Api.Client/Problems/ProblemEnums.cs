namespace ItsmChatOps.Api.Client.Problems;

/// <summary>Problem lifecycle states (requirements §16.3).</summary>
public enum ProblemState
{
    Logged,
    UnderInvestigation,
    RootCauseIdentified,
    FixInProgress,
    Resolved,
    Closed,
    Cancelled,
}

/// <summary>Where a problem came from (PRB-01).</summary>
public enum ProblemSource
{
    Reactive,
    Proactive,
    Supplier,
    ReleaseTesting,
}

public enum ProblemActionState
{
    Open,
    Done,
    Cancelled,
}

/// <summary>What the problem knows of a linked change, learned from the change's events (PRB-07).</summary>
public enum LinkedChangeStatus
{
    Linked,
    Submitted,
    Approved,
    Scheduled,
    Implemented,
    ClosedSuccessful,
    Failed,
    Rejected,
    Cancelled,
    BackedOut,
}

/// <summary>A recurring-incident cluster proposed as a problem (PRB-02).</summary>
public enum CandidateState
{
    Proposed,
    Accepted,
    Dismissed,
}
