using System.IO.Compression;
using System.Text;

namespace ItsmChatOps.AzureHooks;

/// <summary>
/// Builds the Teams app package: infra/teams/manifest.json with the deployment's values filled in, and
/// the colour (192×192) and outline (32×32) icons, flat at the root of a zip, as Teams expects.
/// </summary>
public static class TeamsPackage
{
    public const string FileName = "itsmchatops-teams.zip";
    public static readonly string[] Icons = ["color.png", "outline.png"];

    public static string Build(string root, IReadOnlyDictionary<string, string> values, string? outputFolder = null)
    {
        var source = Path.Combine(root, "infra", "teams");
        var manifest = Placeholders.Fill(File.ReadAllText(Path.Combine(source, "manifest.json")), values, "infra/teams/manifest.json");
        var folder = outputFolder ?? Path.Combine(source, "build");
        Directory.CreateDirectory(folder);
        var package = Path.Combine(folder, FileName);
        File.Delete(package);
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            using (var entry = new StreamWriter(zip.CreateEntry("manifest.json").Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                entry.Write(manifest);
            }

            foreach (var icon in Icons)
            {
                zip.CreateEntryFromFile(Path.Combine(source, icon), icon);
            }
        }

        return package;
    }
}
