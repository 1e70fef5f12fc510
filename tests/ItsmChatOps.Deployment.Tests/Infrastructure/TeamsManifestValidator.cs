using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Deployment.Tests.Infrastructure;

/// <summary>Runs node/validate-teams-manifest.mjs: Microsoft's @microsoft/app-manifest against its bundled schemas.</summary>
public static class TeamsManifestValidator
{
    public static IReadOnlyList<string> Problems(string manifestJson)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("manifest.json"), manifestJson);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Repository.TestProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("node", "validate-teams-manifest.mjs"));
        start.ArgumentList.Add(folder.File("manifest.json"));
        using var node = Process.Start(start) ?? throw new InvalidOperationException("Node could not be started.");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        node.WaitForExit();
        return node.ExitCode == 0
            ? JsonNode.Parse(output.Result)!.AsArray().Select(p => (string)p!).ToList()
            : throw new InvalidOperationException($"The manifest validator failed: {errors.Result}");
    }
}
