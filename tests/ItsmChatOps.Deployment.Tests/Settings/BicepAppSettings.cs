using System.Text.Json.Nodes;
using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests.Settings;

/// <summary>
/// The app settings the Bicep gives an app, read from the compiled template: the module deployed as the
/// app's name declares them in object variables named <c>*Settings</c> (<c>appSettings</c> always,
/// the others under a condition), whose keys are literal.
/// </summary>
public static class BicepAppSettings
{
    public static IReadOnlyDictionary<string, JsonObject> Groups(JsonObject template, string app) =>
        CompiledTemplate.Module(template, app)["variables"]!.AsObject()
            .Where(v => v.Key.EndsWith("Settings", StringComparison.Ordinal) && v.Value is JsonObject)
            .ToDictionary(v => v.Key, v => v.Value!.AsObject());

    /// <summary>Every setting name of the app in configuration form (<c>Storage:Provider</c>).</summary>
    public static IReadOnlyList<string> Keys(JsonObject template, string app) =>
        Groups(template, app).Values.SelectMany(g => g.Select(p => SettingKey.FromEnvironmentName(p.Key))).Distinct().ToList();

    private static readonly Dictionary<string, Lazy<ConfigurationReader>> Readers = new()
    {
        ["api"] = new(() => ConfigurationReader.Analyze(SourcesOf("api"))),
        ["bot"] = new(() => ConfigurationReader.Analyze(SourcesOf("bot"))),
    };

    /// <summary>The keys the app's code reads, analysed once per test run.</summary>
    public static ConfigurationReader Reader(string app) => Readers[app].Value;

    /// <summary>The sources an app is built from: its project and the shared hosting defaults.</summary>
    public static IEnumerable<(string Path, string Text)> SourcesOf(string app) => ConfigurationReader.SourcesOf(
        Repository.Path(app == "api" ? "api" : "bot", app == "api" ? "ItsmChatOps.Api" : "ItsmChatOps.Bot"),
        Repository.Path("infra", "ServiceDefaults"));
}
