using System.Text.Json.Nodes;

namespace ItsmChatOps.AzureHooks;

/// <summary>The API's app registration and its service principal, as the hooks left them.</summary>
public sealed record Registration(string ObjectId, string AppId, string DisplayName, string ServicePrincipalId);

/// <summary>
/// Creates or updates the API's Entra app registration: single tenant, v2 access tokens (audience = client
/// id), identifier URI <c>api://&lt;client id&gt;</c>, the app roles the API understands, and its service
/// principal. Keyed by a unique name per azd environment, so running it again changes nothing new.
/// </summary>
public sealed class ApiRegistration(GraphApi graph)
{
    public async Task<Registration> EnsureAsync(string environmentName, JsonArray roles)
    {
        var uniqueName = $"itsmchatops-api-{environmentName.ToLowerInvariant()}";
        var key = $"applications(uniqueName='{uniqueName}')";
        var displayName = $"ItsmChatOps API ({environmentName})";
        if (await graph.GetAsync($"{key}?$select=id,appRoles") is { } existing)
        {
            await DisableRemovedRolesAsync(key, existing, roles);
        }

        var body = new JsonObject
        {
            ["displayName"] = displayName,
            ["signInAudience"] = "AzureADMyOrg",
            ["api"] = new JsonObject { ["requestedAccessTokenVersion"] = 2 },
            ["appRoles"] = roles.DeepClone(),
        };
        var application = await graph.PatchAsync(key, body, createIfMissing: true)
            ?? await graph.GetAsync($"{key}?$select=id,appId")
            ?? throw new HookException($"The app registration {uniqueName} was not found after it was saved.");
        var objectId = (string)application["id"]!;
        var appId = (string)application["appId"]!;
        await graph.PatchAsync($"applications/{objectId}", new JsonObject { ["identifierUris"] = new JsonArray($"api://{appId}") });

        var principalKey = $"servicePrincipals(appId='{appId}')";
        var principal = await graph.PatchAsync(principalKey, new JsonObject { ["appRoleAssignmentRequired"] = false }, createIfMissing: true)
            ?? await graph.GetAsync($"{principalKey}?$select=id")
            ?? throw new HookException($"The service principal of {appId} was not found after it was saved.");
        return new Registration(objectId, appId, displayName, (string)principal["id"]!);
    }

    /// <summary>Entra refuses to delete an enabled app role, so roles no longer defined are disabled first.</summary>
    private async Task DisableRemovedRolesAsync(string key, JsonObject existing, JsonArray roles)
    {
        var wanted = roles.OfType<JsonObject>().Select(r => (string?)r["id"]).ToHashSet();
        var removed = (existing["appRoles"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(r => !wanted.Contains((string?)r["id"]) && (bool?)r["isEnabled"] == true)
            .ToList();
        if (removed.Count == 0)
        {
            return;
        }

        var transition = new JsonArray([.. roles.Select(r => r!.DeepClone())]);
        foreach (var role in removed)
        {
            var disabled = role.DeepClone().AsObject();
            disabled["isEnabled"] = false;
            transition.Add(disabled);
        }

        await graph.PatchAsync(key, new JsonObject { ["appRoles"] = transition });
    }
}
