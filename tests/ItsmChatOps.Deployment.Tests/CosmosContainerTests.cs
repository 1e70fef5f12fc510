using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Cosmos;
using ItsmChatOps.Deployment.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Deployment.Tests;

/// <summary>
/// The container the Bicep creates is the one the API would create itself: partition key <c>/pk</c> and
/// the indexing policy <see cref="CosmosIndexingPolicy.Build"/> makes from every index the features declare.
/// </summary>
public sealed class CosmosContainerTests
{
    private const string ContainerType = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    [Fact]
    public void IndexingPolicy_BicepContainer_EqualsPolicyFromDeclaredIndexes()
    {
        var expected = PolicyJson(CosmosIndexingPolicy.Build(DeclaredIndexes()));

        var differences = Differences(expected, DeployedContainer()["indexingPolicy"]!.AsObject());

        Assert.True(differences.Count == 0,
            $"infra/azure/modules/cosmos-indexing-policy.json differs from the code ({string.Join("; ", differences)}). It should be:\n{Layout(expected)}");
    }

    [Fact]
    public void Differences_CompositeIndexMissing_Reported()
    {
        var expected = PolicyJson(CosmosIndexingPolicy.Build(DeclaredIndexes()));
        var deployed = expected.DeepClone().AsObject();
        deployed["compositeIndexes"]!.AsArray().RemoveAt(1);

        var differences = Differences(expected, deployed);

        Assert.Single(differences, d => d.StartsWith("missing composite index", StringComparison.Ordinal));
    }

    [Fact]
    public void PartitionKey_BicepContainer_IsTheStorePartitionKey()
    {
        var partitionKey = DeployedContainer()["partitionKey"]!;

        Assert.Equal([CosmosConnection.PartitionKeyPath], partitionKey["paths"]!.AsArray().Select(p => (string)p!));
        Assert.Equal("Hash", (string?)partitionKey["kind"]);
    }

    private static readonly Lazy<List<IndexDefinition>> Declared = new(StartApiAndCollectIndexes);

    private static List<IndexDefinition> DeclaredIndexes() => Declared.Value;

    /// <summary>The indexes every feature registered in the API declares, from the app as it starts.</summary>
    private static List<IndexDefinition> StartApiAndCollectIndexes()
    {
        using var folder = new TemporaryFolder();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Production")
            .UseSetting("Storage:Provider", "Sqlite")
            .UseSetting("Storage:Sqlite:Path", folder.File("itsm.db")));
        var indexes = factory.Services.GetServices<IndexDefinition>().ToList();
        return indexes.Count > 0 ? indexes : throw new InvalidOperationException("The API declared no storage index.");
    }

    /// <summary>The container resource, with the indexing policy the Bicep loads from its JSON file (a template variable).</summary>
    private static JsonObject DeployedContainer()
    {
        var cosmos = CompiledTemplate.Modules(BicepCli.Main).Single(m => CompiledTemplate.Resources(m.Template).Any(r => (string?)r["type"] == ContainerType)).Template;
        var container = CompiledTemplate.Resources(cosmos).Single(r => (string?)r["type"] == ContainerType)["properties"]!["resource"]!.DeepClone().AsObject();
        if (container["indexingPolicy"] is JsonValue reference && CompiledTemplate.VariableName((string)reference!) is { } name)
        {
            container["indexingPolicy"] = CompiledTemplate.Variable(cosmos, name).DeepClone();
        }

        return container;
    }

    /// <summary>The policy in the shape of the ARM resource (and of the JSON file the Bicep loads).</summary>
    private static JsonObject PolicyJson(IndexingPolicy policy) => new()
    {
        ["indexingMode"] = policy.IndexingMode.ToString().ToLowerInvariant(),
        ["automatic"] = policy.Automatic,
        ["includedPaths"] = new JsonArray([.. policy.IncludedPaths.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path })]),
        ["excludedPaths"] = new JsonArray([.. policy.ExcludedPaths.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path })]),
        ["compositeIndexes"] = new JsonArray([.. policy.CompositeIndexes.Select(index => (JsonNode)new JsonArray([
            .. index.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path, ["order"] = p.Order.ToString().ToLowerInvariant() }),
        ]))]),
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The layout of the committed file: one composite index per line.</summary>
    private static string Layout(JsonObject policy)
    {
        static string Line(JsonNode? node) => node!.ToJsonString(Relaxed).Replace("{", "{ ", StringComparison.Ordinal).Replace("}", " }", StringComparison.Ordinal)
            .Replace("\":", "\": ", StringComparison.Ordinal).Replace(",\"", ", \"", StringComparison.Ordinal).Replace("},{", "}, {", StringComparison.Ordinal);
        var composites = policy["compositeIndexes"]!.AsArray().Select(c => "    " + Line(c));
        return string.Join('\n',
        [
            "{",
            $"  \"indexingMode\": {Line(policy["indexingMode"])},",
            $"  \"automatic\": {Line(policy["automatic"])},",
            $"  \"includedPaths\": {Line(policy["includedPaths"])},",
            $"  \"excludedPaths\": {Line(policy["excludedPaths"])},",
            "  \"compositeIndexes\": [",
            string.Join(",\n", composites),
            "  ]",
            "}",
        ]) + "\n";
    }

    private static List<string> Differences(JsonObject expected, JsonObject deployed)
    {
        var differences = new List<string>();
        foreach (var scalar in new[] { "indexingMode", "automatic" })
        {
            if (!JsonNode.DeepEquals(expected[scalar], deployed[scalar]))
            {
                differences.Add($"{scalar} is {deployed[scalar]?.ToJsonString()}, expected {expected[scalar]?.ToJsonString()}");
            }
        }

        foreach (var list in new[] { "includedPaths", "excludedPaths", "compositeIndexes" })
        {
            var want = Items(expected, list);
            var have = Items(deployed, list);
            differences.AddRange(want.Except(have).Select(i => $"missing {Singular(list)} {i}"));
            differences.AddRange(have.Except(want).Select(i => $"extra {Singular(list)} {i}"));
        }

        return differences;
    }

    private static HashSet<string> Items(JsonObject policy, string list) =>
        (policy[list]?.AsArray() ?? []).Select(item => item!.ToJsonString()).ToHashSet(StringComparer.Ordinal);

    private static string Singular(string list) => list switch
    {
        "compositeIndexes" => "composite index",
        "includedPaths" => "included path",
        _ => "excluded path",
    };
}
