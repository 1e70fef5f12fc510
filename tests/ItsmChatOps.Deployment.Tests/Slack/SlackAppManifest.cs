using YamlDotNet.RepresentationModel;

namespace ItsmChatOps.Deployment.Tests.Slack;

/// <summary>The parts of a Slack app manifest the bot depends on, read from its YAML.</summary>
public sealed record SlackAppManifest(
    string? EventsUrl,
    string? InteractivityUrl,
    IReadOnlyDictionary<string, string> SlashCommands,
    IReadOnlyList<string> BotScopes,
    IReadOnlyList<string> BotEvents,
    string? BotUserName,
    bool SocketMode)
{
    /// <summary>The OAuth scope each bot event needs (Slack refuses a manifest subscribing without it).</summary>
    private static readonly Dictionary<string, string> EventScopes = new(StringComparer.Ordinal)
    {
        ["app_mention"] = "app_mentions:read",
        ["message.im"] = "im:history",
        ["message.channels"] = "channels:history",
        ["message.groups"] = "groups:history",
        ["app_home_opened"] = "",
        ["reaction_added"] = "reactions:read",
    };

    public static SlackAppManifest Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var settings = Map(root, "settings");
        var features = Map(root, "features");
        var commands = Sequence(features, "slash_commands").OfType<YamlMappingNode>()
            .ToDictionary(c => Scalar(c, "command") ?? "", c => Scalar(c, "url") ?? "");
        return new SlackAppManifest(
            Scalar(Map(settings, "event_subscriptions"), "request_url"),
            Scalar(Map(settings, "interactivity"), "request_url"),
            commands,
            Sequence(Map(Map(root, "oauth_config"), "scopes"), "bot").Select(n => n.ToString()).ToList(),
            Sequence(Map(settings, "event_subscriptions"), "bot_events").Select(n => n.ToString()).ToList(),
            Scalar(Map(features, "bot_user"), "display_name"),
            Scalar(settings, "socket_mode_enabled") == "true");
    }

    /// <summary>Events subscribed without the scope Slack requires for them, or unknown to this check.</summary>
    public IEnumerable<string> EventsWithoutScope() =>
        BotEvents.Where(e => !EventScopes.TryGetValue(e, out var scope) || (scope.Length > 0 && !BotScopes.Contains(scope)));

    /// <summary>The request paths of the three Slack endpoints (events, slash commands, interactivity).</summary>
    public IReadOnlySet<string> RequestPaths() =>
        new[] { EventsUrl, InteractivityUrl }.Concat(SlashCommands.Values)
            .Where(u => u is not null).Select(u => new Uri(u!.Replace("${{BOT_DOMAIN}}", "bot.example", StringComparison.Ordinal)).AbsolutePath)
            .ToHashSet(StringComparer.Ordinal);

    private static YamlMappingNode Map(YamlMappingNode? node, string key) =>
        node?.Children.TryGetValue(new YamlScalarNode(key), out var child) == true && child is YamlMappingNode map ? map : new YamlMappingNode();

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode list ? list : new YamlSequenceNode();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value : null;
}
