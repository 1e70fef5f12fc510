extern alias bot;
using System.Text.Json.Nodes;
using bot::ItsmChatOps.Bot.Application;
using ItsmChatOps.AzureHooks;
using ItsmChatOps.Deployment.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItsmChatOps.Deployment.Tests.Teams;

/// <summary>The Teams manifest is valid against Microsoft's schema once filled, and lists the bot's real commands.</summary>
public sealed class TeamsManifestTests
{
    [Fact]
    public void Validate_ManifestWithDeploymentValues_NoProblems()
    {
        var manifest = Placeholders.Fill(TeamsSamples.Template, TeamsSamples.Values, "manifest");

        Assert.Empty(TeamsManifestValidator.Problems(manifest));
    }

    [Fact]
    public void Validate_TemplateWithPlaceholders_IdsReported()
    {
        var problems = TeamsManifestValidator.Problems(TeamsSamples.Template);

        Assert.Contains(problems, p => p.StartsWith("/id ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("/bots/0/botId ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SchemaNotBundled_RefusedWithoutFetching()
    {
        var manifest = JsonNode.Parse(Placeholders.Fill(TeamsSamples.Template, TeamsSamples.Values, "manifest"))!.AsObject();
        manifest["$schema"] = "https://example.com/schemas/teams/v9.9/MicrosoftTeams.schema.json";

        Assert.Single(TeamsManifestValidator.Problems(manifest.ToJsonString()), p => p.Contains("is not bundled", StringComparison.Ordinal));
    }

    [Fact]
    public void Placeholders_Manifest_AreTheValuesTheHooksFill()
    {
        var hooks = new HookSettings { TeamsAppId = "t", BotAppId = "b", BotHostName = "h" }.TeamsValues().Keys;

        Assert.Equal(hooks.Order(), Placeholders.Names(TeamsSamples.Template).Order());
    }

    [Fact]
    public void Commands_EveryScope_MatchTheBotCommands()
    {
        // Routes are registered in the constructor and call nothing until a turn runs, so no flows are needed to list them.
        var registered = new ItsmBot(null!, null!, null!, NullLogger<ItsmBot>.Instance).Commands.Select(c => (c.Name, c.Description)).ToList();
        var bots = JsonNode.Parse(TeamsSamples.Template)!["bots"]!.AsArray();

        var lists = bots.SelectMany(b => b!["commandLists"]!.AsArray()).ToList();

        Assert.Equal(["groupChat", "personal", "team"], lists.SelectMany(l => l!["scopes"]!.AsArray().Select(s => (string)s!)).Order());
        Assert.All(lists, list => Assert.Equal(registered,
            list!["commands"]!.AsArray().Select(c => ((string)c!["title"]!, (string)c["description"]!))));
    }

    [Fact]
    public void ValidDomains_Manifest_HoldTheBotDomain()
    {
        var manifest = JsonNode.Parse(TeamsSamples.Template)!;

        Assert.Equal(["${{BOT_DOMAIN}}"], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
        Assert.Equal("${{BOT_ID}}", (string?)manifest["bots"]![0]!["botId"]);
    }
}
