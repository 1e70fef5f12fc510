using System.Collections;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItsmChatOps.AzureHooks;
using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests;

/// <summary>Every name docs/deploy.md tells a reader to use exists: azd variables, Bicep outputs, secrets, files, hook commands.</summary>
public sealed partial class DocsTests
{
    private static readonly string Guide = Repository.ReadText("docs", "deploy.md");

    [Fact]
    public void Unknown_DeployGuide_None()
    {
        Assert.Empty(Unknown(Guide));
    }

    [Fact]
    public void Unknown_MisspeltNames_Reported()
    {
        var guide = "azd env set SLACK_TEAMID T1\naz keyvault secret set --name slack-token\nsee `infra/azure/missing.bicep`";

        Assert.Equal(["azd variable SLACK_TEAMID", "secret slack-token", "file infra/azure/missing.bicep"], Unknown(guide));
    }

    private static List<string> Unknown(string guide)
    {
        var variables = AzdVariables();
        var secrets = SecretNames();
        return
        [
            .. AzdVariable().Matches(guide).Select(m => m.Groups[1].Value).Distinct().Where(v => !variables.Contains(v)).Select(v => $"azd variable {v}"),
            .. SecretSet().Matches(guide).Select(m => m.Groups[1].Value).Distinct().Where(s => !secrets.Contains(s)).Select(s => $"secret {s}"),
            .. RepositoryPath().Matches(guide).Select(m => m.Groups[1].Value).Distinct()
                .Where(p => !p.Contains("/build/", StringComparison.Ordinal) && !File.Exists(Repository.Path(p)) && !Directory.Exists(Repository.Path(p)))
                .Select(p => $"file {p}"),
        ];
    }

    /// <summary>Names azd knows here: parameters-file placeholders, Bicep outputs, and what the hooks read.</summary>
    private static HashSet<string> AzdVariables()
    {
        var names = Placeholder().Matches(Repository.ReadText("infra", "azure", "main.parameters.json")).Select(m => m.Groups[1].Value).ToHashSet();
        names.UnionWith(BicepCli.Main["outputs"]!.AsObject().Select(o => o.Key));
        var read = new RecordingEnvironment();
        HookSettings.FromEnvironment(read);
        names.UnionWith(read.Names);
        return names;
    }

    /// <summary>Secret names the Key Vault references of the bot's settings point at.</summary>
    private static HashSet<string> SecretNames() =>
        BicepAppSettingsValues("bot").SelectMany(v => SecretReference().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet();

    private static IEnumerable<string> BicepAppSettingsValues(string app) =>
        Settings.BicepAppSettings.Groups(BicepCli.Main, app).Values.SelectMany(g => g.Select(p => p.Value is JsonValue v && v.TryGetValue(out string? s) ? s : ""));

    /// <summary>An environment that answers nothing and remembers what was asked.</summary>
    private sealed class RecordingEnvironment : Hashtable
    {
        public HashSet<string> Names { get; } = [];

        public override object? this[object key]
        {
            get
            {
                Names.Add((string)key);
                return null;
            }
            set => base[key] = value;
        }
    }

    [GeneratedRegex(@"azd env (?:set|get-value) ([A-Z][A-Z0-9_]+)")]
    private static partial Regex AzdVariable();

    [GeneratedRegex(@"secret set (?:--vault-name \S+ )?--name ([a-z0-9-]+)")]
    private static partial Regex SecretSet();

    [GeneratedRegex(@"`((?:infra|docs|tests|api|bot|\.github)/[A-Za-z0-9_./-]+)`")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"\$\{([A-Z][A-Z0-9_]+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"SecretName=([a-z0-9-]+)")]
    private static partial Regex SecretReference();
}
