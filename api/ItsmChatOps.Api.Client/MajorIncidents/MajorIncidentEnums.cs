namespace ItsmChatOps.Api.Client.MajorIncidents;

/// <summary>Major incident states (requirements §16.2).</summary>
public enum MajorIncidentState
{
    /// <summary>A major-incident rule matched (MAJ-01); waiting for a declarer to decide.</summary>
    Proposed,
    Declared,

    /// <summary>"Not major", with a reason.</summary>
    Rejected,

    /// <summary>The incident manager downgraded it; the incident continues on the normal path.</summary>
    Downgraded,

    /// <summary>Service is restored (workaround or fix); the review follows.</summary>
    Restored,
    ReviewPending,
    Closed,
}

/// <summary>Why someone is asked to acknowledge a declaration (MAJ-07).</summary>
public enum EscalationRole
{
    ServiceOwner,
    IncidentManager,
    SeniorResponsibleOwner,
    SupplierContact,

    /// <summary>Told because the person before them did not acknowledge in time.</summary>
    Deputy,

    /// <summary>An emergency contact or escalation contact the SLA names for the priority, asked with the first update they receive (SLM-13).</summary>
    SlaContact,
}

/// <summary>Who a status update's notify list reaches (MAJ-06); each person appears in one list only.</summary>
public enum UpdateAudience
{
    WarRoom,
    ServiceDesk,

    /// <summary>Reporters, watchers and affected users of the parent and child incidents.</summary>
    AffectedPeople,

    /// <summary>The SLA contacts of the affected customers.</summary>
    CustomerContacts,
}

/// <summary>Where a timeline entry came from (MAJ-05).</summary>
public enum TimelineSource
{
    /// <summary><c>/itsm log &lt;text&gt;</c> in the war room.</summary>
    Command,

    /// <summary>The "Add to timeline" message action.</summary>
    MessageAction,

    /// <summary>A reaction on a message in the war room.</summary>
    Reaction,
    Api,
}

/// <summary>What a review action becomes when the review is approved (MAJ-09).</summary>
public enum ReviewActionKind
{
    /// <summary>An improvement item (a follow-up task of kind ImprovementItem until the SIP register exists).</summary>
    ImprovementItem,

    /// <summary>A problem record, named by its PRB id; required when the root cause is unknown.</summary>
    Problem,
}

/// <summary>How the war room was opened (MAJ-05).</summary>
public enum WarRoomMode
{
    /// <summary>A dedicated channel created for the major incident.</summary>
    Channel,

    /// <summary>A thread in a fixed operations channel.</summary>
    Thread,

    /// <summary>An existing channel someone linked.</summary>
    Linked,

    /// <summary>A separate local chat conversation (Development).</summary>
    Conversation,
}
