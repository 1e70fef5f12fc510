using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests.Teams;

/// <summary>Values a deployment fills into the Teams manifest, as the post-provision hook does.</summary>
public static class TeamsSamples
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>
    {
        ["TEAMS_APP_ID"] = "2f6b8c1e-3d4a-4b5c-9e7f-0a1b2c3d4e5f",
        ["BOT_ID"] = "7c9d0e1f-2a3b-4c5d-8e9f-a0b1c2d3e4f5",
        ["BOT_DOMAIN"] = "app-bot-abc123.azurewebsites.net",
    };

    public static string Template => Repository.ReadText("infra", "teams", "manifest.json");
}
