using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.ServiceCatalog;

namespace ItsmChatOps.Api.Client.ConfigurationItems;

/// <summary>
/// A configuration item as the API returns it. <see cref="ETag"/> is also the ETag header; send it back in If-Match.
/// Read with <c>asOf</c>, it is the version in force at that time (CFG-07) and <see cref="AsOf"/> is set.
/// </summary>
public sealed record CiResponse
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? Version { get; init; }
    public required CiState State { get; init; }
    public required DateTimeOffset StateChangedAt { get; init; }
    public string? Location { get; init; }
    public required string OwnerId { get; init; }
    public string? DelegateId { get; init; }
    public required OwningOrganization OwningOrganization { get; init; }
    public IReadOnlyList<string> BoundaryContacts { get; init; } = [];
    public string? SupplierId { get; init; }
    public string? Environment { get; init; }
    public string? Marking { get; init; }
    public required Criticality Criticality { get; init; }
    public string? SupportGroupId { get; init; }
    public JsonObject Attributes { get; init; } = [];
    public string? Notes { get; init; }
    public IReadOnlyList<string> Contacts { get; init; } = [];
    public IReadOnlyList<RelationshipView> Relationships { get; init; } = [];
    public IReadOnlyList<string> SupportedServiceIds { get; init; } = [];

    /// <summary>The changes whose implementation holds the CI UnderChange (CFG-06).</summary>
    public IReadOnlyList<string> UnderChangeBy { get; init; } = [];
    public DisposalRecord? Disposal { get; init; }

    /// <summary>The version number of the CI's record; every change of attributes, relationships, state or location adds one (CFG-07).</summary>
    public required int Revision { get; init; }

    /// <summary>The change that authorized the latest controlled update, if any (CFG-05).</summary>
    public string? AuthorizedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public string? ETag { get; init; }
}

/// <summary>An outgoing relationship; <see cref="TargetIsService"/> for <c>Supports</c>.</summary>
public sealed record RelationshipView(RelationshipKind Kind, string TargetId, bool TargetIsService);

/// <summary>A relationship as seen from either end (CFG-03).</summary>
public sealed record RelationshipEdge(string FromId, RelationshipKind Kind, string ToId, string Direction);

/// <summary>One version of a CI (CFG-07): who changed what, when, under which change, and the CI as it then was.</summary>
public sealed record CiVersionResponse(
    int Revision,
    DateTimeOffset At,
    string ActorId,
    string Kind,
    string? AuthorizedBy,
    IReadOnlyList<string> ChangedFields,
    CiResponse Ci);

/// <summary>What a CI's failure or change reaches (CFG-03): CIs and catalogue services, each with its distance.</summary>
public sealed record ImpactResponse(
    string CiId,
    ImpactDirection Direction,
    int Depth,
    IReadOnlyList<ImpactedCi> Cis,
    IReadOnlyList<ImpactedService> Services);

public sealed record ImpactedCi(string Id, string Name, string Type, CiState State, Criticality Criticality, string OwnerId, int Distance, RelationshipKind Via);

public sealed record ImpactedService(string Id, string Name, Criticality Criticality, string OwnerId, IReadOnlyList<string> CustomerIds, int Distance);

/// <summary>A CI type and its attribute schema (CFG-02), with how many CIs use it.</summary>
public sealed record CiTypeResponse(
    string Id,
    string Name,
    string? Description,
    string? MarkingLabel,
    IReadOnlyList<CiAttributeDefinition> Attributes,
    long CiCount,
    int PolicyVersion);

/// <summary>The answer to a chat lookup (CFG-14): the best matches, each with what the CI card shows.</summary>
public sealed record CiLookupResponse(string Query, IReadOnlyList<CiCardResponse> Matches);

/// <summary>
/// Everything the CI card shows (CFG-14): state, version, owner, supported services, open incidents, linked problems and
/// known errors, changes scheduled in the next days and the last audit result (none until configuration audits exist).
/// </summary>
public sealed record CiCardResponse
{
    public required CiResponse Ci { get; init; }
    public required string TypeName { get; init; }
    public required NamedRef Owner { get; init; }
    public IReadOnlyList<NamedRef> SupportedServices { get; init; } = [];
    public required RecordCount OpenIncidents { get; init; }
    public required RecordCount Problems { get; init; }
    public required RecordCount KnownErrors { get; init; }
    public IReadOnlyList<ScheduledChangeRef> ScheduledChanges { get; init; } = [];
    public required int ScheduleDays { get; init; }
    public required long FailedChanges { get; init; }
    public AuditResultView? LastAudit { get; init; }
}

public sealed record NamedRef(string Id, string Name);

/// <summary>A count with the first few record ids, for links on a card.</summary>
public sealed record RecordCount(long Count, IReadOnlyList<string> Ids);

public sealed record ScheduledChangeRef(string Id, string Title, Changes.ChangeState State, DateTimeOffset Start, DateTimeOffset End);

public sealed record AuditResultView(DateTimeOffset At, string Result);
