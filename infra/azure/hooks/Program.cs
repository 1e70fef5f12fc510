using Azure.Identity;

namespace ItsmChatOps.AzureHooks;

/// <summary>
/// Entry point of the azd hooks (azure.yaml): <c>preprovision</c> registers the API in Entra ID before
/// the Bicep needs its client id; <c>postprovision</c> grants app roles, builds the Teams app package,
/// fills in the Slack manifest and prints the next steps. <c>packages</c> builds only the packages.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var settings = HookSettings.FromEnvironment(Environment.GetEnvironmentVariables());
        var root = Directory.GetCurrentDirectory();
        try
        {
            switch (args)
            {
                case ["preprovision"]:
                    await PreProvisionAsync(settings);
                    return 0;
                case ["postprovision"]:
                    await PostProvisionAsync(settings, root);
                    return 0;
                case ["packages"]:
                    BuildPackages(settings, root);
                    return 0;
                default:
                    await Console.Error.WriteLineAsync("Usage: preprovision | postprovision | packages (run from the repository root, as azd does).");
                    return 2;
            }
        }
        catch (HookException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task PreProvisionAsync(HookSettings settings)
    {
        settings.ValidateForProvisioning();
        var credential = Credential(await TenantOfSubscriptionAsync(settings));
        using var graph = GraphApi.Create(credential);
        var registration = await new ApiRegistration(graph).EnsureAsync(settings.EnvironmentName, AppRoles.Load(Directory.GetCurrentDirectory()));
        await Azd.SetAsync("API_APP_ID", registration.AppId);
        if (string.IsNullOrEmpty(settings.TeamsAppId))
        {
            // The Teams app keeps one id for its whole life: updates of the package must carry the same one.
            await Azd.SetAsync("TEAMS_APP_ID", Guid.NewGuid().ToString());
        }

        Console.WriteLine($"API app registration: {registration.DisplayName} (client id {registration.AppId}).");
    }

    private static async Task PostProvisionAsync(HookSettings settings, string root)
    {
        settings.ValidateAfterProvisioning();
        using var graph = GraphApi.Create(Credential(settings.TenantId));
        var assignments = new AppRoleAssignments(graph);
        var botPrincipal = settings.BotPrincipalId is { Length: > 0 } id ? id : await assignments.ServicePrincipalIdAsync(settings.BotAppId!);
        await assignments.EnsureAsync(settings.ApiAppId!, botPrincipal, "Itsm.Bot");
        if (settings.PrincipalId is { Length: > 0 } person && settings.PrincipalType == "User")
        {
            await assignments.EnsureAsync(settings.ApiAppId!, person, "Itsm.Admin");
        }

        BuildPackages(settings, root);
        Console.WriteLine(NextSteps.Text(settings, root));
    }

    private static void BuildPackages(HookSettings settings, string root)
    {
        settings.ValidateAfterProvisioning();
        var teams = TeamsPackage.Build(root, settings.TeamsValues());
        var slack = SlackManifest.Write(root, settings.BotHostName!);
        Console.WriteLine($"Teams app package: {Path.GetRelativePath(root, teams)}");
        Console.WriteLine($"Slack app manifest: {Path.GetRelativePath(root, slack)}");
    }

    /// <summary>The subscription's tenant, asked of Azure Resource Manager, so the app registration lands where the resources do.</summary>
    private static async Task<string?> TenantOfSubscriptionAsync(HookSettings settings)
    {
        if (settings.TenantId is { Length: > 0 } known)
        {
            return known;
        }

        using var arm = new ArmApi(Credential(null));
        return await arm.TenantOfSubscriptionAsync(settings.SubscriptionId!);
    }

    /// <summary>azd's own sign-in first, then the Azure CLI's (either may hold the directory rights).</summary>
    private static ChainedTokenCredential Credential(string? tenantId) => new(
        new AzureDeveloperCliCredential(new AzureDeveloperCliCredentialOptions { TenantId = tenantId }),
        new AzureCliCredential(new AzureCliCredentialOptions { TenantId = tenantId }));
}

/// <summary>A failure the person running azd can fix; printed without a stack trace.</summary>
public sealed class HookException(string message) : Exception(message);
