namespace ItsmChatOps.Api.Client.Incidents;

/// <summary>Incident lifecycle states (requirements §16.1).</summary>
public enum IncidentState
{
    New,
    Assigned,
    InProgress,
    OnHold,
    Resolved,
    Closed,
    Cancelled,
}

/// <summary>How an incident reached the service desk (INC-01, INC-02).</summary>
public enum IncidentSource
{
    Chat,
    Api,
    Monitoring,
    Phone,
    Voicemail,
    Visit,
    Letter,
    Fax,
    Email,
}

public enum HoldReason
{
    AwaitingCustomer,
    AwaitingSupplier,
    AwaitingChange,
}

public enum CancelReason
{
    Duplicate,
    LoggedInError,
    Withdrawn,
}

/// <summary>How a resolution was confirmed before closure (INC-05, INC-06).</summary>
public enum ClosureMethod
{
    ReporterConfirmed,
    ConfirmedViaAgent,
    TimedOut,
    MonitoringCleared,
    OwnerConfirmed,
}

public enum NoteVisibility
{
    /// <summary>Seen by staff only, never by the reporter or watchers.</summary>
    Internal,

    /// <summary>Customer-visible: reaches the reporter and watchers.</summary>
    Public,
}

public enum EscalationKind
{
    /// <summary>Reassign to a higher-tier group.</summary>
    Functional,

    /// <summary>Involve the group lead, the incident manager, the service owner.</summary>
    Hierarchical,
}

/// <summary>What an incident links to (INC-18). Links are two-way.</summary>
public enum IncidentLinkKind
{
    ConfigurationItem,
    Problem,
    KnownError,
    CausedByChange,
    FixedByChange,
    RelatedChange,
    ParentIncident,
    RecurrenceOf,
    DuplicateOf,
}

public enum DeliveryKind
{
    /// <summary>The "is it fixed?" request to the reporter (INC-05).</summary>
    ConfirmationRequest,

    /// <summary>The explanation sent to the reporter when an incident cannot be resolved (INC-15).</summary>
    ResolutionExplanation,

    /// <summary>Any other notification the bot delivered about the incident.</summary>
    Notification,
}
