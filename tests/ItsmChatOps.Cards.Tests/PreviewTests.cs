using System.Diagnostics;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>
/// Renders every template with Microsoft's renderer in headless Chromium (preview/preview.mjs) and
/// checks a PNG came out for each; the pictures land in cards/preview for people to look at.
/// </summary>
public sealed class PreviewTests
{
    [Fact]
    [Trait("Category", "Preview")]
    public async Task Preview_EveryTemplate_RendersWithoutParserProblems()
    {
        var output = Path.GetFullPath(Path.Combine(NodeOracle.ProjectDirectory, "..", "..", "cards", "preview"));
        var started = DateTime.UtcNow;
        var start = new ProcessStartInfo("node", Path.Combine("preview", "preview.mjs"))
        {
            WorkingDirectory = NodeOracle.ProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var preview = Process.Start(start)!;
        var stdout = preview.StandardOutput.ReadToEndAsync();
        var stderr = preview.StandardError.ReadToEndAsync();
        await preview.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(preview.ExitCode == 0, $"The preview failed:{Environment.NewLine}{await stdout}{await stderr}");
        Assert.All(SampleCards.Templates.Names, name =>
        {
            var png = new FileInfo(Path.Combine(output, $"{name}.png"));
            Assert.True(png.Exists && png.Length > 1000 && png.LastWriteTimeUtc >= started.AddSeconds(-1), $"No fresh preview for {name}.");
        });
    }
}
