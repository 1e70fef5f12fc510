using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Common;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>The configurable CI types and their attribute schemas (CFG-02), kept as a versioned policy.</summary>
public sealed record CiTypesPolicy
{
    public const string Kind = Policies.PolicyKinds.CiTypes;

    public required List<CiTypeDefinition> Types { get; init; }

    public CiTypeDefinition? Find(string id) => Types.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Rules a version must satisfy before it is saved.</summary>
    public void Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (Types.Count == 0 || Types.Select(t => t.Id.ToLowerInvariant()).Distinct().Count() != Types.Count)
        {
            errors["types"] = ["Type ids must be present and unique."];
        }

        foreach (var type in Types.Where(t => t.Attributes.Select(a => a.Name.ToLowerInvariant()).Distinct().Count() != t.Attributes.Count))
        {
            errors[$"types.{type.Id}.attributes"] = ["Attribute names must be unique within a type."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "CFG-02");
        }
    }
}

public sealed record CiTypeDefinition(string Id, string Name, string? Description, string? MarkingLabel, List<CiAttributeDefinition> Attributes);

/// <summary>The default set of CFG-02, plus the everyday types an estate is made of (servers, databases, applications, network devices).</summary>
public static class CiTypeDefaults
{
    private static CiAttributeDefinition Text(string name, bool required = false, bool controlled = true, string? description = null) =>
        new(name, AttributeType.Text, required, controlled, description);

    private static CiAttributeDefinition Number(string name, bool required = false, string? description = null) =>
        new(name, AttributeType.Number, required, true, description);

    private static CiAttributeDefinition Date(string name, bool required = false) => new(name, AttributeType.Date, required, true, null);

    public static CiTypesPolicy Policy { get; } = new()
    {
        Types =
        [
            new("software-release", "Software or system release", "A release of software or of a system (CFG-02 a).", "Release number",
                [Text("vendor"), Text("releaseNotesUri", controlled: false)]),
            new("system-documentation", "System documentation", "Requirements, design, test report or release documentation (CFG-02 b).", "Document number",
                [Text("documentType", required: true, description: "requirements, design, test report or release documentation"), Text("uri")]),
            new("configuration-baseline", "Configuration baseline or build", "A baseline or build definition (CFG-02 c).", "Build id",
                [Text("buildTool"), Date("frozenOn")]),
            new("definitive-library", "Definitive library", "The controlled store of master copies (CFG-02 d).", "Library id",
                [Text("uri", required: true)]),
            new("configuration-management-tool", "Configuration management tool", "A tool that holds or discovers configuration data (CFG-02 e).", "Instance",
                [Text("vendor")]),
            new("licence", "Licence", "A software licence or subscription (CFG-02 f).", "Licence key reference",
                [Text("vendor", required: true), Number("entitlements", required: true, "How many installations or users it covers"), Date("expiresOn", required: true)]),
            new("security-component", "Security component", "Firewall, certificate, key store and the like (CFG-02 g).", "Serial number",
                [Text("function", required: true), Text("vendor")]),
            new("physical-asset", "Physical asset", "Hardware that is not a server or network device (CFG-02 h).", "Asset tag",
                [Text("model"), Date("purchasedOn")]),
            new("service-documentation", "Service documentation", "SLA, procedure or other service document (CFG-02 i).", "Document number",
                [Text("documentType", required: true, description: "SLA, procedure, runbook"), Text("uri")]),
            new("supporting-facility", "Supporting facility", "Power, cooling and other facilities (CFG-02 j).", "Asset tag",
                [Text("facility", required: true, description: "power, cooling, fire suppression"), Number("capacityKw")]),
            new("service", "Service", "A service modelled as a CI (CFG-02 1).", "Service id", [Text("catalogueId")]),
            new("site", "Site", "A building, data centre or office (CFG-02 2).", "Site code", [Text("address", required: true)]),
            new("business-unit", "Business unit", "A part of the organization (CFG-02 3).", "Unit code", [Text("head", controlled: false)]),
            new("person", "Person", "A person as a configuration item, e.g. a named key holder (CFG-02 4).", "Staff number", [Text("personId", required: true)]),
            new("server", "Server", "A physical or virtual server.", "Hostname",
                [Text("operatingSystem", required: true), Number("cpuCores"), Number("memoryGb"), Text("platform", description: "physical or virtual")]),
            new("database", "Database", "A database instance or schema.", "Instance name",
                [Text("engine", required: true), Text("engineVersion"), Number("sizeGb")]),
            new("application", "Application", "An application or SaaS tenant.", "Application id",
                [Text("vendor"), Text("url", controlled: false)]),
            new("network-device", "Network device", "Switch, router, gateway or access point.", "Hostname",
                [Text("model", required: true), Text("firmware"), Text("managementAddress")]),
        ],
    };
}
