namespace ItsmChatOps.AzureHooks;

/// <summary>Writes infra/slack/manifest.yaml with the bot's host filled in, ready to paste into "Create an app from a manifest".</summary>
public static class SlackManifest
{
    public static string Write(string root, string botHostName, string? outputFolder = null)
    {
        var source = Path.Combine(root, "infra", "slack");
        var manifest = Placeholders.Fill(File.ReadAllText(Path.Combine(source, "manifest.yaml")),
            new Dictionary<string, string> { ["BOT_DOMAIN"] = botHostName }, "infra/slack/manifest.yaml");
        var folder = outputFolder ?? Path.Combine(source, "build");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "manifest.yaml");
        File.WriteAllText(path, manifest);
        return path;
    }
}
