using System.Text.Json.Nodes;

namespace ItsmChatOps.AzureHooks;

/// <summary>The API's app roles, from infra/azure/entra/api-app-roles.json (stable ids, so a rerun updates rather than duplicates).</summary>
public static class AppRoles
{
    public static readonly string[] RelativePath = ["infra", "azure", "entra", "api-app-roles.json"];

    public static JsonArray Load(string root)
    {
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine([root, .. RelativePath])))!.AsArray();
        foreach (var role in roles.OfType<JsonObject>())
        {
            role["isEnabled"] = true;
        }

        return roles;
    }

    public static Guid IdOf(JsonArray roles, string value) =>
        roles.OfType<JsonObject>().Where(r => (string?)r["value"] == value).Select(r => Guid.Parse((string)r["id"]!)).FirstOrDefault() is var id && id != Guid.Empty
            ? id
            : throw new HookException($"The app role '{value}' is not defined.");
}
