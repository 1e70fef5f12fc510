using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.ServiceCatalog;

namespace ItsmChatOps.Api.Client.ConfigurationItems;

/// <summary>Register a configuration item (CFG-01). It starts Ordered or Received; Live needs an authorizing change (CFG-05).</summary>
public sealed record CreateCiRequest
{
    [Required, StringLength(200, MinimumLength = 2)]
    public string? Name { get; init; }

    /// <summary>A CI type id from <c>/api/ci-types</c>, e.g. <c>server</c> (CFG-02).</summary>
    [Required, StringLength(100)]
    public string? Type { get; init; }

    [StringLength(100)]
    public string? Version { get; init; }

    /// <summary>Ordered or Received (the default).</summary>
    public CiState? State { get; init; }

    [StringLength(200)]
    public string? Location { get; init; }

    [Required(ErrorMessage = "Every CI needs an accountable owner (CFG-01)."), StringLength(100)]
    public string? OwnerId { get; init; }

    [StringLength(100)]
    public string? DelegateId { get; init; }

    public OwningOrganization? OwningOrganization { get; init; }

    /// <summary>For CIs at the boundary between organizations: contacts on both sides (CFG-01).</summary>
    [MaxLength(10)]
    public IReadOnlyList<string>? BoundaryContacts { get; init; }

    [StringLength(100)]
    public string? SupplierId { get; init; }

    [StringLength(100)]
    public string? Environment { get; init; }

    /// <summary>Identification marking: asset tag, serial or hostname, unique within the type (CFG-01).</summary>
    [StringLength(200)]
    public string? Marking { get; init; }

    public Criticality? Criticality { get; init; }

    /// <summary>The resolver group that supports the CI; told when a change touching it is scheduled (CHG-09).</summary>
    [StringLength(100)]
    public string? SupportGroupId { get; init; }

    /// <summary>Type-specific attributes, checked against the type's schema (CFG-02).</summary>
    public JsonObject? Attributes { get; init; }

    [StringLength(4000)]
    public string? Notes { get; init; }

    [MaxLength(10)]
    public IReadOnlyList<string>? Contacts { get; init; }
}

/// <summary>
/// Edit a CI; omitted fields stay as they are. Controlled fields of a Live, UnderChange or Withdrawn CI change
/// only under <see cref="ChangeId"/>, a change in Implementing that lists the CI (CFG-05); notes and contacts never need one.
/// </summary>
public sealed record UpdateCiRequest
{
    [StringLength(200, MinimumLength = 2)]
    public string? Name { get; init; }

    [StringLength(100)]
    public string? Version { get; init; }

    [StringLength(200)]
    public string? Location { get; init; }

    [StringLength(100)]
    public string? OwnerId { get; init; }

    [StringLength(100)]
    public string? DelegateId { get; init; }

    public OwningOrganization? OwningOrganization { get; init; }

    [MaxLength(10)]
    public IReadOnlyList<string>? BoundaryContacts { get; init; }

    [StringLength(100)]
    public string? SupplierId { get; init; }

    [StringLength(100)]
    public string? Environment { get; init; }

    [StringLength(200)]
    public string? Marking { get; init; }

    public Criticality? Criticality { get; init; }

    [StringLength(100)]
    public string? SupportGroupId { get; init; }

    /// <summary>Attributes to set; a null value removes the attribute.</summary>
    public JsonObject? Attributes { get; init; }

    [StringLength(4000)]
    public string? Notes { get; init; }

    [MaxLength(10)]
    public IReadOnlyList<string>? Contacts { get; init; }

    /// <summary>The authorizing change (CHG-nnnnnn), stored with the new version (CFG-05).</summary>
    [StringLength(100)]
    public string? ChangeId { get; init; }
}

/// <summary>Move a CI along its lifecycle (requirements §16.6); any other move is 409.</summary>
public sealed record TransitionCiRequest
{
    [Required]
    public CiState? To { get; init; }

    [StringLength(1000)]
    public string? Reason { get; init; }

    /// <summary>The authorizing change, for Live, Withdrawn and reinstatement (CFG-05).</summary>
    [StringLength(100)]
    public string? ChangeId { get; init; }

    /// <summary>Required for Disposed.</summary>
    public DisposalRecord? Disposal { get; init; }
}

/// <summary>How a withdrawn CI was disposed of; data sanitising matters for information assets.</summary>
public sealed record DisposalRecord(
    [property: Required] DateOnly? Date,
    [property: Required, StringLength(200)] string? Method,
    [property: Required] bool? DataSanitised);

/// <summary>A relationship from this CI to another CI or, for <c>Supports</c>, to a catalogue service (CFG-03).</summary>
public sealed record AddRelationshipRequest
{
    [Required]
    public RelationshipKind? Kind { get; init; }

    [Required, StringLength(100)]
    public string? TargetId { get; init; }

    /// <summary>Required when the CI is Live or UnderChange: the authorizing change (CFG-05).</summary>
    [StringLength(100)]
    public string? ChangeId { get; init; }
}

/// <summary>Create or replace a CI type and its attribute schema (CFG-02).</summary>
public sealed record SaveCiTypeRequest
{
    [Required, StringLength(100, MinimumLength = 2)]
    public string? Name { get; init; }

    [StringLength(1000)]
    public string? Description { get; init; }

    /// <summary>What the identification marking is for this type: hostname, serial, asset tag...</summary>
    [StringLength(100)]
    public string? MarkingLabel { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<CiAttributeDefinition>? Attributes { get; init; }
}

/// <summary>One attribute of a type's schema; uncontrolled attributes the owner edits freely (CFG-05).</summary>
public sealed record CiAttributeDefinition(
    [property: Required, StringLength(100)] string Name,
    [property: Required] AttributeType Type,
    bool Required = false,
    bool Controlled = true,
    [property: StringLength(500)] string? Description = null);
