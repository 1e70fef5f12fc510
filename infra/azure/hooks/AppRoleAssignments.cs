using System.Text.Json.Nodes;

namespace ItsmChatOps.AzureHooks;

/// <summary>Grants app roles of the API to principals (the bot's identity, the person deploying), once.</summary>
public sealed class AppRoleAssignments(GraphApi graph, TimeSpan? retryDelay = null)
{
    private const int Attempts = 6;
    private readonly TimeSpan delay = retryDelay ?? TimeSpan.FromSeconds(10);

    public async Task<string> ServicePrincipalIdAsync(string appId) =>
        (string?)(await graph.GetAsync($"servicePrincipals(appId='{appId}')?$select=id"))?["id"]
        ?? throw new HookException($"No service principal exists for the app {appId} in this tenant; create it with `az ad sp create --id {appId}`.");

    public async Task EnsureAsync(string apiAppId, string principalId, string roleValue)
    {
        var api = await graph.GetAsync($"servicePrincipals(appId='{apiAppId}')?$select=id,appRoles")
            ?? throw new HookException($"The API's service principal ({apiAppId}) does not exist; run `azd provision` again.");
        var apiId = (string)api["id"]!;
        var roleId = AppRoles.IdOf(api["appRoles"]!.AsArray(), roleValue).ToString();
        var assigned = await graph.ListAsync($"servicePrincipals/{apiId}/appRoleAssignedTo?$top=999");
        if (assigned.Any(a => (string?)a["principalId"] == principalId && (string?)a["appRoleId"] == roleId))
        {
            return;
        }

        var body = new JsonObject { ["principalId"] = principalId, ["resourceId"] = apiId, ["appRoleId"] = roleId };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await graph.PostAsync($"servicePrincipals/{apiId}/appRoleAssignedTo", body);
                Console.WriteLine($"Granted {roleValue} to {principalId}.");
                return;
            }
            catch (HookException ex) when (attempt < Attempts && ex.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
            {
                // A managed identity made minutes ago may not have reached every directory replica yet.
                await Task.Delay(delay);
            }
        }
    }
}
