namespace ItsmChatOps.Api.Client;

/// <summary>How widely a fault hurts the business (SLM-05 default scale).</summary>
public enum Impact
{
    /// <summary>A business function or many users stopped.</summary>
    High,

    /// <summary>A team or an important function degraded.</summary>
    Medium,

    /// <summary>One user, or a minor degradation.</summary>
    Low,
}

/// <summary>How soon the business needs it fixed (SLM-05 default scale).</summary>
public enum Urgency
{
    /// <summary>The business is affected now or within the hour.</summary>
    High,

    /// <summary>Needed within the working day.</summary>
    Medium,

    /// <summary>Later, or a workaround is acceptable.</summary>
    Low,
}

/// <summary>Priority, always computed from impact × urgency (SLM-05); P1 is the most urgent.</summary>
public enum Priority
{
    P1,
    P2,
    P3,
    P4,
    P5,
}

/// <summary>Where a request or action came from, as recorded in the audit trail (MGT-05).</summary>
public enum Channel
{
    Api,
    Teams,
    Slack,
    WebChat,
    System,
}

/// <summary>The ITSM roles a person can hold (requirements §0).</summary>
public enum ItsmRole
{
    ServiceDesk,
    ServiceDeskLead,
    Resolver,
    IncidentManager,
    ProblemManager,
    ProblemAnalyst,
    ChangeManager,
    ConfigurationManager,
    ServiceLevelManager,
    KnowledgeEditor,
    SecurityManager,
    Auditor,
    Admin,
}
