using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using System.Text.Json.Serialization;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>
/// A configuration item as stored (requirements §17, CFG-01). Its outgoing relationships live in the record, so a
/// relationship change is a new version of the CI like any other (CFG-07). Every version is raised as an event that
/// carries the CI's snapshot: the history and <c>asOf</c> reads come from those events, written atomically with the CI.
/// </summary>
public sealed class ConfigurationItem : RecordDocument
{
    public const string Type = "ci";

    public override string RecordType => Type;

    public required string Name { get; set; }

    /// <summary>Lower-cased name, for ordering and lookups.</summary>
    public string NameKey { get; set; } = "";
    public required string TypeId { get; set; }
    public string? Version { get; set; }
    public CiState State { get; set; }
    public DateTimeOffset StateChangedAt { get; set; }
    public string? Location { get; set; }
    public required string OwnerId { get; set; }
    public string? DelegateId { get; set; }
    public OwningOrganization OwningOrganization { get; set; }
    public List<string> BoundaryContacts { get; set; } = [];
    public string? SupplierId { get; set; }
    public string? Environment { get; set; }
    public string? Marking { get; set; }
    public Criticality Criticality { get; set; } = Criticality.Medium;
    public string? SupportGroupId { get; set; }
    public JsonObject Attributes { get; set; } = [];
    public string? Notes { get; set; }
    public List<string> Contacts { get; set; } = [];
    public List<CiRelationship> Relationships { get; set; } = [];

    /// <summary>The targets of the outgoing relationships: finds the CIs that point at a record (CFG-03).</summary>
    public List<string> RelatedIds { get; set; } = [];
    public List<string> UnderChangeBy { get; set; } = [];
    public DisposalRecord? Disposal { get; set; }
    public int Revision { get; set; }
    public string? AuthorizedBy { get; set; }

    [JsonIgnore]
    public bool IsTerminal => State is CiState.Disposed or CiState.Returned;

    /// <summary>Live, UnderChange and Withdrawn CIs change their controlled attributes only under an authorizing change (CFG-05).</summary>
    [JsonIgnore]
    public bool IsControlled => State is CiState.Live or CiState.UnderChange or CiState.Withdrawn;

    [JsonIgnore]
    public IEnumerable<string> SupportedServiceIds => Relationships.Where(r => r.Kind == RelationshipKind.Supports).Select(r => r.TargetId);

    public void RefreshDerived()
    {
        NameKey = Name.Trim().ToLowerInvariant();
        RelatedIds = Relationships.Select(r => r.TargetId).Distinct().ToList();
    }

    /// <summary>
    /// Records a new version (CFG-07): the revision goes up and an event carries what changed, the authorizing change
    /// and the CI as it now is.
    /// </summary>
    public void RecordVersion(Actor actor, DateTimeOffset at, string kind, IReadOnlyList<FieldChange> changes, string? authorizedBy,
        IEnumerable<string>? notify = null, JsonObject? extra = null)
    {
        RefreshDerived();
        Revision++;
        AuthorizedBy = authorizedBy ?? AuthorizedBy;
        var data = extra ?? [];
        data["revision"] = Revision;
        data["authorizedBy"] = authorizedBy;
        data["snapshot"] = Snapshot();
        Raise(actor, at, kind, EventVisibility.Internal, changes, notify, data);
    }

    /// <summary>The record's versioned content: everything but its embedded events.</summary>
    public JsonObject Snapshot()
    {
        var body = Documents.Serialize(this);
        body.Remove("events");
        body.Remove("eventSeq");
        return body;
    }

    public static ConfigurationItem FromSnapshot(JsonObject snapshot) => Documents.Deserialize<ConfigurationItem>(snapshot);
}

/// <summary>An outgoing, typed relationship; <c>Supports</c> points at a catalogue service.</summary>
public sealed record CiRelationship(RelationshipKind Kind, string TargetId);
