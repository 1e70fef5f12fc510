using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Events;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>Hand-written mapping from the stored CI (or one of its versions) to the wire records.</summary>
public static class CiMapping
{
    public static CiResponse ToResponse(ConfigurationItem ci, DateTimeOffset? asOf = null) => new()
    {
        Id = ci.Id,
        Name = ci.Name,
        Type = ci.TypeId,
        Version = ci.Version,
        State = ci.State,
        StateChangedAt = ci.StateChangedAt,
        Location = ci.Location,
        OwnerId = ci.OwnerId,
        DelegateId = ci.DelegateId,
        OwningOrganization = ci.OwningOrganization,
        BoundaryContacts = ci.BoundaryContacts,
        SupplierId = ci.SupplierId,
        Environment = ci.Environment,
        Marking = ci.Marking,
        Criticality = ci.Criticality,
        SupportGroupId = ci.SupportGroupId,
        Attributes = (System.Text.Json.Nodes.JsonObject)ci.Attributes.DeepClone(),
        Notes = ci.Notes,
        Contacts = ci.Contacts,
        Relationships = ci.Relationships.Select(r => new RelationshipView(r.Kind, r.TargetId, r.Kind == RelationshipKind.Supports)).ToList(),
        SupportedServiceIds = ci.SupportedServiceIds.ToList(),
        UnderChangeBy = ci.UnderChangeBy,
        Disposal = ci.Disposal,
        Revision = ci.Revision,
        AuthorizedBy = ci.AuthorizedBy,
        CreatedAt = ci.CreatedAt,
        UpdatedAt = ci.UpdatedAt,
        UpdatedBy = ci.UpdatedBy,
        AsOf = asOf,
        ETag = asOf is null ? ci.ETag : null,
    };

    /// <summary>The versions of a CI (CFG-07): each event that carries a snapshot is one version, oldest first.</summary>
    public static IReadOnlyList<CiVersionResponse> Versions(IEnumerable<DomainEvent> timeline) =>
        timeline
            .Where(e => e.Data?["snapshot"] is System.Text.Json.Nodes.JsonObject)
            .Select(e => new CiVersionResponse(
                e.Data!["revision"]!.GetValue<int>(),
                e.At,
                e.ActorId,
                e.Kind,
                e.Data["authorizedBy"]?.GetValue<string>(),
                e.Changes.Select(c => c.Field).ToList(),
                ToResponse(ConfigurationItem.FromSnapshot(e.Data["snapshot"]!.AsObject()), e.At)))
            .OrderBy(v => v.Revision)
            .ToList();
}
