using System.IO.Compression;
using ItsmChatOps.AzureHooks;
using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests.Teams;

/// <summary>The package build makes the zip Teams accepts: the filled manifest and both icons, flat, nothing else.</summary>
public sealed class TeamsPackageTests
{
    [Fact]
    public void Build_DeploymentValues_ZipHoldsValidManifestAndIcons()
    {
        using var folder = new TemporaryFolder();

        var package = TeamsPackage.Build(Repository.Root, TeamsSamples.Values, folder.Path);

        using var zip = ZipFile.OpenRead(package);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var manifest = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        Assert.Empty(TeamsManifestValidator.Problems(manifest.ReadToEnd()));
        Assert.Empty(IconProblems(Read(zip, "color.png"), Read(zip, "outline.png")));
    }

    [Fact]
    public void Build_ValueMissing_Refused()
    {
        using var folder = new TemporaryFolder();
        var values = TeamsSamples.Values.Where(v => v.Key != "BOT_DOMAIN").ToDictionary();

        var refused = Assert.Throws<HookException>(() => TeamsPackage.Build(Repository.Root, values, folder.Path));

        Assert.Contains("${{BOT_DOMAIN}}", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void IconProblems_WrongSizeAndColouredOutline_Reported()
    {
        var color = new PngImage(96, 96, new byte[96 * 96 * 4]);
        var outline = new PngImage(32, 32, Enumerable.Repeat((byte)255, 32 * 32 * 4).ToArray());
        outline.Rgba[0] = 0;

        var problems = IconProblems(PngImage.Read(color.Write()), PngImage.Read(outline.Write()));

        Assert.Equal(["color.png is 96×96, Teams needs 192×192", "outline.png has 1 pixel(s) neither white nor transparent"], problems);
    }

    /// <summary>Teams' rules: colour 192×192; outline 32×32, white on a transparent background.</summary>
    private static List<string> IconProblems(PngImage color, PngImage outline)
    {
        var problems = new List<string>();
        if ((color.Width, color.Height) != (192, 192))
        {
            problems.Add($"color.png is {color.Width}×{color.Height}, Teams needs 192×192");
        }

        if ((outline.Width, outline.Height) != (32, 32))
        {
            problems.Add($"outline.png is {outline.Width}×{outline.Height}, Teams needs 32×32");
        }

        var stray = Enumerable.Range(0, outline.Width * outline.Height)
            .Select(i => outline.Pixel(i % outline.Width, i / outline.Width))
            .Count(p => p.A != 0 && (p.R, p.G, p.B) != (255, 255, 255));
        if (stray > 0)
        {
            problems.Add($"outline.png has {stray} pixel(s) neither white nor transparent");
        }

        return problems;
    }

    private static PngImage Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return PngImage.Read(bytes.ToArray());
    }
}
