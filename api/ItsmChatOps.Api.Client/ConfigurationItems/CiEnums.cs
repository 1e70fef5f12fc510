namespace ItsmChatOps.Api.Client.ConfigurationItems;

/// <summary>Configuration item lifecycle states (requirements §16.6, CFG-06).</summary>
public enum CiState
{
    Ordered,
    Received,
    InAcceptanceTest,
    Live,
    UnderChange,
    Withdrawn,
    Disposed,
    Returned,
}

/// <summary>Who owns a CI (CFG-01); a CI at the boundary between organizations names contacts on both sides.</summary>
public enum OwningOrganization
{
    Provider,
    Customer,
    Supplier,
}

/// <summary>Typed, directed relationships between CIs, and from a CI to the catalogue service it supports (CFG-03).</summary>
public enum RelationshipKind
{
    DependsOn,
    RunsOn,
    PartOf,
    ConnectedTo,
    InstalledOn,
    LicensedBy,
    DocumentedBy,
    Supports,
}

/// <summary>Up: what depends on the CI (and the services it supports). Down: what the CI depends on.</summary>
public enum ImpactDirection
{
    Up,
    Down,
}

/// <summary>The value type of an attribute in a CI type's schema (CFG-02).</summary>
public enum AttributeType
{
    Text,
    Number,
    Boolean,
    Date,
}
