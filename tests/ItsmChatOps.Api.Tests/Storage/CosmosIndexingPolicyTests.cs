using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class CosmosIndexingPolicyTests
{
    [Fact]
    public void Build_NoIndexes_IndexesEveryPathPlusPartitionKeyAndId()
    {
        var policy = CosmosIndexingPolicy.Build([]);

        Assert.Equal(IndexingMode.Consistent, policy.IndexingMode);
        Assert.Equal(["/*"], policy.IncludedPaths.Select(p => p.Path));
        Assert.Equal(["/pk ASC, /id ASC"], Describe(policy));
    }

    [Fact]
    public void Build_DeclaredIndexes_BecomeCompositesLedByPartitionKeyAndEndedById()
    {
        var policy = CosmosIndexingPolicy.Build(
        [
            new IndexDefinition("queue", "incident", [new SortKey("state"), new SortKey("assignment.groupId")]),
            new IndexDefinition("newest", "incident", [new SortKey("openedAt", true)]),
            new IndexDefinition("mixed", "change", [new SortKey("priority"), new SortKey("plannedStart", true)]),
        ]);

        Assert.Equal(
            [
                "/pk ASC, /id ASC",
                "/pk ASC, /state ASC, /assignment/groupId ASC, /id ASC",
                "/pk DESC, /openedAt DESC, /id DESC",
                "/pk ASC, /priority ASC, /plannedStart DESC, /id ASC",
            ],
            Describe(policy));
    }

    [Fact]
    public void Build_SameOrderDeclaredTwice_AddsOneComposite()
    {
        var policy = CosmosIndexingPolicy.Build(
        [
            new IndexDefinition("incident-newest", "incident", [new SortKey("openedAt", true)]),
            new IndexDefinition("problem-newest", "problem", [new SortKey("openedAt", true)]),
        ]);

        Assert.Equal(2, policy.CompositeIndexes.Count);
    }

    [Fact]
    public void Build_InvalidPath_Throws() =>
        Assert.Throws<ArgumentException>(() => CosmosIndexingPolicy.Build([new IndexDefinition("bad", "incident", [new SortKey("state; DROP")])]));

    private static List<string> Describe(IndexingPolicy policy) =>
        policy.CompositeIndexes
            .Select(c => string.Join(", ", c.Select(p => $"{p.Path} {(p.Order == CompositePathSortOrder.Descending ? "DESC" : "ASC")}")))
            .ToList();
}
