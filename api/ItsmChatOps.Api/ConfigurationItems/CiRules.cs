using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>The rules of registering and editing a CI (CFG-01, CFG-02, CFG-05), as plain code.</summary>
public static class CiRules
{
    /// <summary>Fields the owner, the delegate and the configuration manager edit freely, whatever the state (CFG-05).</summary>
    public static readonly IReadOnlySet<string> Uncontrolled = new HashSet<string>(StringComparer.Ordinal)
        { "notes", "contacts", "boundaryContacts", "delegateId", "supportGroupId" };

    public static bool IsConfigurationManager(Caller caller) => caller.Has(ItsmRole.ConfigurationManager);

    /// <summary>The keys that must be unique: the marking within the type, and name + type + version (CFG-01).</summary>
    public static IReadOnlyList<string> KeysOf(string typeId, string name, string? version, string? marking)
    {
        var keys = new List<string> { $"ntv|{typeId.ToLowerInvariant()}|{name.Trim().ToLowerInvariant()}|{version?.Trim().ToLowerInvariant()}" };
        if (!string.IsNullOrWhiteSpace(marking))
        {
            keys.Add($"marking|{typeId.ToLowerInvariant()}|{marking.Trim().ToLowerInvariant()}");
        }

        return keys;
    }

    public static ConfigurationItem Create(string id, CreateCiRequest request, CiTypeDefinition type, Caller caller, bool ownerKnown, DateTimeOffset now)
    {
        if (!IsConfigurationManager(caller))
        {
            throw Problems.Forbidden("The configuration manager registers configuration items.", "CFG-01", "SEC-01");
        }

        var errors = CheckAttributes(request.Attributes ?? [], type);
        if (!ownerKnown)
        {
            errors["ownerId"] = [$"'{request.OwnerId}' is not a person known to the service desk (CFG-01)."];
        }

        if (request.State is { } state && state is not (CiState.Ordered or CiState.Received))
        {
            errors["state"] = ["A new CI is Ordered or Received; it goes Live through acceptance under a change (CFG-05)."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "CFG-01", "CFG-02");
        }

        var ci = new ConfigurationItem
        {
            Id = id,
            Name = request.Name!.Trim(),
            TypeId = type.Id,
            Version = request.Version,
            State = request.State ?? CiState.Received,
            StateChangedAt = now,
            Location = request.Location,
            OwnerId = request.OwnerId!,
            DelegateId = request.DelegateId,
            OwningOrganization = request.OwningOrganization ?? OwningOrganization.Provider,
            BoundaryContacts = request.BoundaryContacts?.ToList() ?? [],
            SupplierId = request.SupplierId,
            Environment = request.Environment,
            Marking = request.Marking?.Trim(),
            Criticality = request.Criticality ?? Client.ServiceCatalog.Criticality.Medium,
            SupportGroupId = request.SupportGroupId,
            Attributes = (JsonObject)(request.Attributes ?? []).DeepClone(),
            Notes = request.Notes,
            Contacts = request.Contacts?.ToList() ?? [],
            CreatedAt = now,
            CreatedBy = caller.Id,
        };
        ci.RecordVersion(caller.Actor, now, "CiRegistered", [RecordDocument.Change<CiState?>("state", null, ci.State)], null, [ci.OwnerId]);
        return ci;
    }

    /// <summary>Every way the attributes break the type's schema: unknown names, wrong value types, required ones missing (CFG-02).</summary>
    public static Dictionary<string, string[]> CheckAttributes(JsonObject attributes, CiTypeDefinition type)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in attributes)
        {
            var definition = type.Attributes.FirstOrDefault(a => a.Name == name);
            if (definition is null)
            {
                errors[$"attributes.{name}"] = [$"'{name}' is not an attribute of type '{type.Id}' (CFG-02)."];
            }
            else if (value is not null && !Matches(value, definition.Type))
            {
                errors[$"attributes.{name}"] = [$"'{name}' must be a {definition.Type.ToString().ToLowerInvariant()} (CFG-02)."];
            }
        }

        foreach (var required in type.Attributes.Where(a => a.Required && attributes[a.Name] is null))
        {
            errors[$"attributes.{required.Name}"] = [$"Type '{type.Id}' requires '{required.Name}' (CFG-02)."];
        }

        return errors;
    }

    /// <summary>Applies an edit and returns what changed; the caller checks who may make it and under which change.</summary>
    public static List<FieldChange> Apply(ConfigurationItem ci, UpdateCiRequest request, CiTypeDefinition type)
    {
        var changes = new List<FieldChange>();
        Set(changes, "name", ci.Name, request.Name?.Trim(), v => ci.Name = v);
        Set(changes, "version", ci.Version, request.Version, v => ci.Version = v);
        Set(changes, "location", ci.Location, request.Location, v => ci.Location = v);
        Set(changes, "ownerId", ci.OwnerId, request.OwnerId, v => ci.OwnerId = v);
        Set(changes, "delegateId", ci.DelegateId, request.DelegateId, v => ci.DelegateId = v);
        SetValue(changes, "owningOrganization", ci.OwningOrganization, request.OwningOrganization, v => ci.OwningOrganization = v);
        Set(changes, "supplierId", ci.SupplierId, request.SupplierId, v => ci.SupplierId = v);
        Set(changes, "environment", ci.Environment, request.Environment, v => ci.Environment = v);
        Set(changes, "marking", ci.Marking, request.Marking?.Trim(), v => ci.Marking = v);
        SetValue(changes, "criticality", ci.Criticality, request.Criticality, v => ci.Criticality = v);
        Set(changes, "supportGroupId", ci.SupportGroupId, request.SupportGroupId, v => ci.SupportGroupId = v);
        Set(changes, "notes", ci.Notes, request.Notes, v => ci.Notes = v);
        if (request.Contacts is { } contacts && !contacts.SequenceEqual(ci.Contacts))
        {
            changes.Add(RecordDocument.Change("contacts", ci.Contacts, contacts));
            ci.Contacts = contacts.ToList();
        }

        if (request.BoundaryContacts is { } boundary && !boundary.SequenceEqual(ci.BoundaryContacts))
        {
            changes.Add(RecordDocument.Change("boundaryContacts", ci.BoundaryContacts, boundary));
            ci.BoundaryContacts = boundary.ToList();
        }

        if (request.Attributes is { } attributes)
        {
            changes.AddRange(ApplyAttributes(ci, attributes, type));
        }

        return changes;
    }

    /// <summary>True when any change touches a controlled field or a controlled attribute of the type (CFG-05).</summary>
    public static bool TouchesControlled(IEnumerable<FieldChange> changes, CiTypeDefinition type) =>
        changes.Any(c => c.Field.StartsWith("attributes.", StringComparison.Ordinal)
            ? type.Attributes.FirstOrDefault(a => a.Name == c.Field["attributes.".Length..])?.Controlled ?? true
            : !Uncontrolled.Contains(c.Field));

    private static void Set(List<FieldChange> changes, string field, string? current, string? requested, Action<string> assign)
    {
        if (requested is not null && current != requested)
        {
            changes.Add(RecordDocument.Change(field, current, requested));
            assign(requested);
        }
    }

    private static void SetValue<T>(List<FieldChange> changes, string field, T current, T? requested, Action<T> assign) where T : struct, Enum
    {
        if (requested is { } value && !EqualityComparer<T>.Default.Equals(current, value))
        {
            changes.Add(RecordDocument.Change(field, current, value));
            assign(value);
        }
    }

    private static List<FieldChange> ApplyAttributes(ConfigurationItem ci, JsonObject attributes, CiTypeDefinition type)
    {
        var merged = (JsonObject)ci.Attributes.DeepClone();
        foreach (var (name, value) in attributes)
        {
            merged[name] = value?.DeepClone();
        }

        foreach (var removed in merged.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            merged.Remove(removed);
        }

        var errors = CheckAttributes(merged, type);
        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "CFG-02");
        }

        var changes = attributes
            .Where(p => !JsonNode.DeepEquals(ci.Attributes[p.Key], p.Value))
            .Select(p => new FieldChange($"attributes.{p.Key}", ci.Attributes[p.Key]?.DeepClone(), p.Value?.DeepClone()))
            .ToList();
        ci.Attributes = merged;
        return changes;
    }

    private static bool Matches(JsonNode value, AttributeType type) => value.GetValueKind() switch
    {
        JsonValueKind.String when type == AttributeType.Date =>
            DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        JsonValueKind.String => type == AttributeType.Text,
        JsonValueKind.Number => type == AttributeType.Number,
        JsonValueKind.True or JsonValueKind.False => type == AttributeType.Boolean,
        _ => false,
    };
}
