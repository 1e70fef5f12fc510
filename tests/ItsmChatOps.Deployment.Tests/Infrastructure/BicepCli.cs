using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Deployment.Tests.Infrastructure;

/// <summary>What one run of the Bicep CLI printed: its diagnostics (errors and warnings) and its output.</summary>
public sealed record BicepResult(int ExitCode, string Output, IReadOnlyList<string> Diagnostics);

/// <summary>Runs the Bicep CLI from the NuGet package (offline: local modules only, types built in).</summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(() =>
    {
        var path = Repository.BicepCli;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at {path}; restore the test project (PackageDownload of Azure.Bicep.CommandLine.linux-x64).");
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The deployment checks run the linux-x64 Bicep CLI; run them on Linux (as CI does).");
        }

        // NuGet does not keep the executable bit of files it extracts.
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        return path;
    });

    private static readonly Lazy<BicepResult> MainBuildResult = new(() => Build(Repository.Path("infra", "azure", "main.bicep")));

    /// <summary>What building infra/azure/main.bicep printed, once per test run.</summary>
    public static BicepResult MainBuild => MainBuildResult.Value;

    /// <summary>infra/azure/main.bicep compiled to an ARM template.</summary>
    public static JsonObject Main => MainBuild.ExitCode == 0
        ? JsonNode.Parse(MainBuild.Output)!.AsObject()
        : throw new InvalidOperationException($"bicep build failed:\n{string.Join('\n', MainBuild.Diagnostics)}");

    public static BicepResult Build(string file) => Run("build", file, "--stdout");

    public static BicepResult Lint(string file) => Run("lint", file);

    private static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var diagnostics = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Error ", StringComparison.Ordinal) || line.Contains(" : Warning ", StringComparison.Ordinal)
                || line.Contains(" : Info ", StringComparison.Ordinal) || process.ExitCode != 0)
            .ToList();
        return new BicepResult(process.ExitCode, output.Result, diagnostics);
    }
}
