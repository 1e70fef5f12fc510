using System.Text;

namespace ItsmChatOps.AzureHooks;

/// <summary>What to do after provisioning, with this deployment's names filled in (docs/deploy.md explains each step).</summary>
public static class NextSteps
{
    public static string Text(HookSettings settings, string root)
    {
        var teamsPackage = Path.GetRelativePath(root, Path.Combine(root, "infra", "teams", "build", TeamsPackage.FileName));
        var slackManifest = Path.GetRelativePath(root, Path.Combine(root, "infra", "slack", "build", "manifest.yaml"));
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine("ItsmChatOps is provisioned. Next steps (docs/deploy.md has the details):")
            .AppendLine()
            .AppendLine($"  API:  {settings.ApiBaseUrl}/health")
            .AppendLine($"  Bot:  https://{settings.BotHostName}/api/messages (Azure Bot '{settings.BotServiceName}')")
            .AppendLine()
            .AppendLine("1. Teams: upload the app package in Teams (Apps > Manage your apps > Upload an app),")
            .AppendLine("   or publish it to your organisation's catalogue in the Teams admin center:")
            .AppendLine($"     {teamsPackage}")
            .AppendLine();
        if (settings.BotAppType == "SingleTenant")
        {
            text.AppendLine("   SingleTenant bot: store its client secret once, then restart the bot:")
                .AppendLine($"     az keyvault secret set --vault-name {settings.KeyVaultName} --name bot-client-secret --value <secret>")
                .AppendLine($"     az webapp restart --resource-group {settings.ResourceGroup} --name {WebAppName(settings)}")
                .AppendLine();
        }

        text.AppendLine("2. Slack (optional): create an app from the manifest at https://api.slack.com/apps (From a manifest):")
            .AppendLine($"     {slackManifest}")
            .AppendLine("   install it to your workspace, then store its secrets and switch Slack on:")
            .AppendLine($"     az keyvault secret set --vault-name {settings.KeyVaultName} --name slack-signing-secret --value <Signing Secret>")
            .AppendLine($"     az keyvault secret set --vault-name {settings.KeyVaultName} --name slack-bot-token --value <Bot User OAuth Token>")
            .AppendLine("     azd env set SLACK_TEAM_ID <workspace id, T...>")
            .AppendLine("     azd env set SLACK_ENABLED true")
            .AppendLine("     azd provision");
        if (settings.SlackEnabled)
        {
            text.AppendLine("   (Slack is enabled in this environment.)");
        }

        return text.ToString();
    }

    private static string WebAppName(HookSettings settings) => settings.BotHostName?.Split('.')[0] ?? "<bot web app>";
}
