namespace ItsmChatOps.Api.Client.Changes;

/// <summary>Change states (requirements §16.5).</summary>
public enum ChangeState
{
    Draft,
    Submitted,
    Assessed,
    PendingApproval,
    Approved,
    Rejected,
    Scheduled,
    Implementing,
    Implemented,
    BackedOut,
    Review,
    Closed,
    Cancelled,
}

/// <summary>Change models (CHG-02): a pre-authorized standard template, a normal change, or an emergency (CHG-14).</summary>
public enum ChangeModel
{
    Standard,
    Normal,
    Emergency,
}

/// <summary>How big a normal change is, by risk and impact (CHG-02).</summary>
public enum ChangeClass
{
    Minor,
    Significant,
    Major,
}

public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>Why the change is worth making (CHG-01).</summary>
public enum BenefitCategory
{
    Commercial,
    Legal,
    Regulatory,
    Statutory,
    ServiceImprovement,
    FaultFix,
    Security,
}

/// <summary>What an approver answers on the card (CHG-05); Request info keeps the change PendingApproval.</summary>
public enum ApprovalDecision
{
    Approve,
    Reject,
    RequestInfo,
}

/// <summary>Why a person is a required approver (CHG-04, CHG-07, CFG-04).</summary>
public enum ApproverBasis
{
    ChangeManager,
    ConfigurationItemOwner,
    ServiceOwner,
    BusinessRepresentative,
    CustomerRepresentative,
    EmergencyAuthority,
}

/// <summary>How many of the non-mandatory approvers must approve (CHG-04).</summary>
public enum QuorumRule
{
    All,
    Any,
    Majority,
    AtLeast,
}

/// <summary>Who approves at a level (CHG-04 defaults): nobody, the change manager, the change manager and owners, the CAB, the ECAB.</summary>
public enum ApprovalAuthority
{
    None,
    ChangeManager,
    ChangeManagerAndOwners,
    ChangeAdvisoryBoard,
    EmergencyBoard,
}

/// <summary>How a change ended (CHG-13).</summary>
public enum ChangeOutcome
{
    Successful,
    SuccessfulWithIssues,
    Failed,
    BackedOut,
    Cancelled,
}

/// <summary>The plans a change carries as versioned documents (CHG-01).</summary>
public enum PlanKind
{
    Implementation,
    Backout,
    Test,
}

/// <summary>What a change links to (CHG-15); links are two-way.</summary>
public enum ChangeLinkKind
{
    CausedIncident,
    FixesIncident,
    RelatedIncident,
    Problem,
    KnownError,
    DependsOnChange,
    PartOfChange,
    RemediatedBy,
    RevisionOf,
    Release,
}

/// <summary>A period when changes need more scrutiny (CHG-08).</summary>
public enum BlackoutKind
{
    Freeze,
    CriticalPeriod,
}

public enum RiskDimension
{
    Likelihood,
    Impact,
}
