using System.Text.RegularExpressions;
using ItsmChatOps.AzureHooks;
using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests.Slack;

/// <summary>The Slack manifest is well formed and points at the endpoints the bot serves, with the scopes its events need.</summary>
public sealed partial class SlackManifestTests
{
    private static readonly string[] Endpoints = ["/api/slack/events", "/api/slack/commands", "/api/slack/interactivity"];

    private static string Template => Repository.ReadText("infra", "slack", "manifest.yaml");

    [Fact]
    public void Parse_Manifest_BotEndpointsSlashCommandAndBotUser()
    {
        var manifest = SlackAppManifest.Parse(Template);

        Assert.Equal("https://${{BOT_DOMAIN}}/api/slack/events", manifest.EventsUrl);
        Assert.Equal("https://${{BOT_DOMAIN}}/api/slack/interactivity", manifest.InteractivityUrl);
        Assert.Equal(new Dictionary<string, string> { ["/itsm"] = "https://${{BOT_DOMAIN}}/api/slack/commands" }, manifest.SlashCommands);
        Assert.Equal("ItsmChatOps", manifest.BotUserName);
        Assert.False(manifest.SocketMode);
        Assert.Contains("commands", manifest.BotScopes);
    }

    [Fact]
    public void EventsWithoutScope_Manifest_None()
    {
        Assert.Empty(SlackAppManifest.Parse(Template).EventsWithoutScope());
    }

    [Fact]
    public void EventsWithoutScope_ScopeRemoved_Reported()
    {
        var manifest = SlackAppManifest.Parse(Template.Replace("      - im:history\n", "", StringComparison.Ordinal));

        Assert.Equal(["message.im"], manifest.EventsWithoutScope());
    }

    /// <summary>
    /// The Web API methods the bot calls need these scopes: war-room channels (conversations.create and .invite, pins.add),
    /// reading a reacted-to message back (conversations.history in public and private channels), the SLA chart
    /// (files.uploadV2); the Home tab must be switched on for app_home_opened to carry tab "home".
    /// </summary>
    [Theory]
    [InlineData("channels:manage")]
    [InlineData("groups:write")]
    [InlineData("channels:history")]
    [InlineData("groups:history")]
    [InlineData("reactions:read")]
    [InlineData("pins:write")]
    [InlineData("files:write")]
    [InlineData("users:read.email")]
    [Trait("Requirement", "MAJ-05")]
    public void Scopes_Manifest_WhatTheBotsCallsNeed(string scope)
    {
        Assert.Contains(scope, SlackAppManifest.Parse(Template).BotScopes);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public void Events_Manifest_ReactionsAndTheHomeTab()
    {
        var manifest = SlackAppManifest.Parse(Template);

        Assert.Contains("reaction_added", manifest.BotEvents);
        Assert.Contains("app_home_opened", manifest.BotEvents);
        Assert.Matches(@"(?m)^\s+home_tab_enabled: true$", Template);
    }

    [Fact]
    public void Parse_MalformedYaml_Throws()
    {
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => SlackAppManifest.Parse(Template.Replace("bot_events:", "bot_events: [", StringComparison.Ordinal)));
    }

    [Fact]
    public void Mismatches_BotSourcesAndManifest_None()
    {
        Assert.Empty(Mismatches(BotSlackPaths(), SlackAppManifest.Parse(Template).RequestPaths()));
    }

    [Fact]
    public void Mismatches_BotServesAnotherPath_Reported()
    {
        var mismatches = Mismatches(new HashSet<string> { "/api/slack/events", "/api/slack/command" }, SlackAppManifest.Parse(Template).RequestPaths());

        Assert.Equal(
            [
                "the bot serves /api/slack/command, which the manifest does not use",
                "the manifest calls /api/slack/commands, which the bot does not serve",
                "the manifest calls /api/slack/interactivity, which the bot does not serve",
            ],
            mismatches);
    }

    [Fact]
    public void Write_BotHost_ManifestWithHostAndNoPlaceholder()
    {
        using var folder = new TemporaryFolder();

        var written = File.ReadAllText(SlackManifest.Write(Repository.Root, "app-bot-abc123.azurewebsites.net", folder.Path));

        Assert.DoesNotContain("${{", written, StringComparison.Ordinal);
        Assert.Equal("https://app-bot-abc123.azurewebsites.net/api/slack/events", SlackAppManifest.Parse(written).EventsUrl);
    }

    /// <summary>
    /// The manifest must use exactly the endpoints the bot maps. Until the bot serves Slack, the manifest
    /// must use the agreed endpoints; from then on, the paths the bot's source maps under /api/slack.
    /// </summary>
    private static List<string> Mismatches(HashSet<string> served, IReadOnlySet<string> used)
    {
        var expected = served.Count > 0 ? served : Endpoints.ToHashSet();
        return [
            .. expected.Except(used).Order(StringComparer.Ordinal).Select(p => $"the bot serves {p}, which the manifest does not use"),
            .. used.Except(expected).Order(StringComparer.Ordinal).Select(p => $"the manifest calls {p}, which the bot does not serve"),
        ];
    }

    private static HashSet<string> BotSlackPaths() =>
        BotSources().SelectMany(text => SlackPath().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> BotSources() =>
        Settings.ConfigurationReader.SourcesOf(Repository.Path("bot", "ItsmChatOps.Bot")).Select(s => s.Text);

    [GeneratedRegex("\"(/api/slack/[a-z/_-]+)\"")]
    private static partial Regex SlackPath();
}
