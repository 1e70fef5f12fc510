using System.Text.Json.Nodes;
using ItsmChatOps.Deployment.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ItsmChatOps.Deployment.Tests;

/// <summary>azure.yaml maps each service to a project and to the web app the Bicep tags for it, and its hooks exist.</summary>
public sealed class AzdTests
{
    private static readonly YamlMappingNode Azd = Load(Repository.ReadText("azure.yaml"));

    [Fact]
    public void Services_AzureYaml_ProjectsAndTaggedWebApps()
    {
        var services = Map(Azd, "services");

        var names = services.Children.Keys.Select(k => k.ToString()).Order().ToList();

        Assert.Equal(["api", "bot"], names);
        Assert.Equal(names, TaggedServices(BicepCli.Main).Order());
        Assert.All(services.Children, s =>
        {
            var service = (YamlMappingNode)s.Value;
            Assert.Equal("appservice", Scalar(service, "host"));
            Assert.Single(Directory.GetFiles(Repository.Path(Scalar(service, "project")!.TrimStart('.', '/')), "*.csproj"));
        });
    }

    [Fact]
    public void TaggedServices_WebAppWithoutTag_NotListed()
    {
        var template = JsonNode.Parse("""{ "resources": [ { "type": "Microsoft.Web/sites", "name": "x", "tags": { "other": "api" } } ] }""")!.AsObject();

        Assert.Empty(TaggedServices(template));
    }

    [Fact]
    public void Infra_AzureYaml_MainBicepWithParameters()
    {
        var infra = Map(Azd, "infra");

        var folder = Repository.Path(Scalar(infra, "path")!);

        Assert.True(File.Exists(Path.Combine(folder, $"{Scalar(infra, "module")}.bicep")));
        Assert.True(File.Exists(Path.Combine(folder, $"{Scalar(infra, "module")}.parameters.json")));
    }

    [Fact]
    public void Hooks_AzureYaml_RunTheHooksProgramOnEveryShell()
    {
        var hooks = Map(Azd, "hooks");

        Assert.Equal(["postprovision", "preprovision"], hooks.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var (name, hook) in hooks.Children)
        {
            foreach (var shell in new[] { "posix", "windows" })
            {
                Assert.Equal($"dotnet run --project infra/azure/hooks -- {name}", Scalar(Map((YamlMappingNode)hook, shell), "run"));
            }
        }
    }

    [Fact]
    public void Parameters_MainParametersFile_EveryOneDeclaredByMain()
    {
        var file = JsonNode.Parse(Repository.ReadText("infra", "azure", "main.parameters.json"))!["parameters"]!.AsObject();

        var declared = BicepCli.Main["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();

        Assert.Subset(declared, file.Select(p => p.Key).ToHashSet());
        Assert.Empty(BicepCli.Main["parameters"]!.AsObject().Where(p => p.Value!["defaultValue"] is null && !file.ContainsKey(p.Key)).Select(p => p.Key));
    }

    [Fact]
    public void Workflows_DeployWorkflow_FederatedSignInAndNoStoredSecret()
    {
        var deploy = Repository.ReadText(".github", "workflows", "deploy.yml");
        var ci = Load(Repository.ReadText(".github", "workflows", "ci.yml"));

        Assert.Equal("write", Scalar(Map(Load(deploy), "permissions"), "id-token"));
        Assert.DoesNotContain("secrets.", deploy, StringComparison.Ordinal);
        Assert.Contains("--federated-credential-provider github", deploy, StringComparison.Ordinal);
        Assert.Contains("bash .ci/run", Map(ci, "jobs").ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The azd service names the web apps carry in their <c>azd-service-name</c> tag: set on the site itself,
    /// or passed as the tags parameter of the module that deploys it (compiled to a createObject call).
    /// </summary>
    private static List<string> TaggedServices(JsonObject template)
    {
        static bool HasSite(JsonObject t) => CompiledTemplate.Resources(t).Any(r => (string?)r["type"] == "Microsoft.Web/sites");
        var direct = CompiledTemplate.Resources(template).Where(r => (string?)r["type"] == "Microsoft.Web/sites").Select(r => r["tags"]);
        var passed = CompiledTemplate.Deployments(template)
            .Where(d => HasSite(d["properties"]!["template"]!.AsObject()))
            .Select(d => d["properties"]!["parameters"]?["tags"]?["value"]);
        return [.. direct.Concat(passed).Select(t => t is JsonValue v && v.TryGetValue(out string? text) ? text : t?.ToJsonString() ?? "").SelectMany(ServiceNames)];
    }

    private static IEnumerable<string> ServiceNames(string tags) =>
        new[] { "api", "bot" }.Where(s => tags.Contains($"\"azd-service-name\":\"{s}\"", StringComparison.Ordinal)
            || tags.Contains($"'azd-service-name', '{s}'", StringComparison.Ordinal));

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : null;
}
