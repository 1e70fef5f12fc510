using System.Collections;

namespace ItsmChatOps.AzureHooks;

/// <summary>
/// The azd environment as the hooks see it: azd passes its values and the Bicep outputs (main.bicep
/// <c>output</c> names) to hooks as environment variables.
/// </summary>
public sealed record HookSettings
{
    public string EnvironmentName { get; init; } = "";
    public string? SubscriptionId { get; init; }
    public string? TenantId { get; init; }
    public string? PrincipalId { get; init; }
    public string PrincipalType { get; init; } = "User";
    public string BotAppType { get; init; } = "UserAssignedMSI";
    public string? SingleTenantBotAppId { get; init; }
    public string? TeamsAppId { get; init; }
    public string? ApiAppId { get; init; }
    public string? ApiBaseUrl { get; init; }
    public string? BotAppId { get; init; }
    public string? BotPrincipalId { get; init; }
    public string? BotHostName { get; init; }
    public string? KeyVaultName { get; init; }
    public string? ResourceGroup { get; init; }
    public string? BotServiceName { get; init; }
    public bool SlackEnabled { get; init; }


    public static HookSettings FromEnvironment(IDictionary variables)
    {
        string? Get(string name) => variables[name] is string { Length: > 0 } value ? value.Trim() : null;
        return new HookSettings
        {
            EnvironmentName = Get("AZURE_ENV_NAME") ?? "",
            SubscriptionId = Get("AZURE_SUBSCRIPTION_ID"),
            TenantId = Get("AZURE_TENANT_ID"),
            PrincipalId = Get("AZURE_PRINCIPAL_ID"),
            PrincipalType = Get("AZURE_PRINCIPAL_TYPE") ?? "User",
            BotAppType = Get("BOT_APP_TYPE") ?? "UserAssignedMSI",
            SingleTenantBotAppId = Get("BOT_SINGLE_TENANT_APP_ID"),
            TeamsAppId = Get("TEAMS_APP_ID"),
            ApiAppId = Get("API_APP_ID"),
            ApiBaseUrl = Get("API_BASE_URL"),
            BotAppId = Get("BOT_APP_ID"),
            BotPrincipalId = Get("BOT_PRINCIPAL_ID"),
            BotHostName = Get("BOT_HOST_NAME"),
            KeyVaultName = Get("KEY_VAULT_NAME"),
            ResourceGroup = Get("AZURE_RESOURCE_GROUP"),
            BotServiceName = Get("BOT_SERVICE_NAME"),
            SlackEnabled = string.Equals(Get("SLACK_ENABLED"), "true", StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>Before provisioning: what main.parameters.json will pass to the Bicep must make sense.</summary>
    public void ValidateForProvisioning()
    {
        Require(EnvironmentName.Length > 0, "AZURE_ENV_NAME is not set; run the hooks through azd.");
        Require(SubscriptionId is not null || TenantId is not null, "AZURE_SUBSCRIPTION_ID is not set; run `azd env set AZURE_SUBSCRIPTION_ID <id>` or let `azd up` ask for it.");
        Require(BotAppType is "UserAssignedMSI" or "SingleTenant", $"BOT_APP_TYPE '{BotAppType}' must be UserAssignedMSI or SingleTenant.");
        Require(BotAppType != "SingleTenant" || Guid.TryParse(SingleTenantBotAppId, out _),
            "BOT_APP_TYPE SingleTenant needs BOT_SINGLE_TENANT_APP_ID: the client id of the bot's app registration.");
    }

    /// <summary>After provisioning: the Bicep outputs the packages and role assignments need are there.</summary>
    public void ValidateAfterProvisioning()
    {
        foreach (var (name, value) in new[] { ("API_APP_ID", ApiAppId), ("BOT_APP_ID", BotAppId), ("BOT_HOST_NAME", BotHostName), ("TEAMS_APP_ID", TeamsAppId) })
        {
            Require(value is not null, $"{name} is not in the azd environment; run `azd provision` first.");
        }
    }

    public IReadOnlyDictionary<string, string> TeamsValues() => new Dictionary<string, string>
    {
        ["TEAMS_APP_ID"] = TeamsAppId!,
        ["BOT_ID"] = BotAppId!,
        ["BOT_DOMAIN"] = BotHostName!,
    };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new HookException(message);
        }
    }
}
