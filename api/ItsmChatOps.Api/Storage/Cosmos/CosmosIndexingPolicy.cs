using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Storage.Cosmos;

/// <summary>
/// The container's indexing policy: every path range-indexed (the default) plus one composite index per
/// declared order. A multi-property ORDER BY needs a composite index that matches it exactly (or exactly
/// reversed), and a query that filters on a property serves both filter and order from one composite
/// index only when that property leads the ORDER BY. Queries therefore order by
/// <c>pk, declared keys..., id</c>, and each composite index has exactly that shape.
/// </summary>
public static class CosmosIndexingPolicy
{
    public static IndexingPolicy Build(IEnumerable<IndexDefinition> indexes)
    {
        var policy = new IndexingPolicy { IndexingMode = IndexingMode.Consistent, Automatic = true };
        policy.IncludedPaths.Add(new IncludedPath { Path = "/*" });
        policy.ExcludedPaths.Add(new ExcludedPath { Path = "/\"_etag\"/?" });

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in indexes.Select(i => i.Keys).Prepend([]))
        {
            var paths = EffectiveOrder(order)
                .Select(k => new CompositePath { Path = "/" + JsonPath.Validate(k.Path).Replace('.', '/'), Order = k.Descending ? CompositePathSortOrder.Descending : CompositePathSortOrder.Ascending })
                .ToList();
            if (seen.Add(string.Join(",", paths.Select(p => $"{p.Path} {p.Order}"))))
            {
                policy.CompositeIndexes.Add(new System.Collections.ObjectModel.Collection<CompositePath>(paths));
            }
        }

        return policy;
    }

    /// <summary>
    /// The full order a query runs in: the partition key first (constant within the query, so it changes
    /// nothing but lets the composite index serve the filter), the declared keys, then the id tiebreaker
    /// (descending only when every declared key is, as in the SQLite adapter).
    /// </summary>
    public static IReadOnlyList<SortKey> EffectiveOrder(IReadOnlyList<SortKey> orderBy)
    {
        var leadDescending = orderBy.Count > 0 && orderBy[0].Descending;
        var idDescending = orderBy.Count > 0 && orderBy.All(k => k.Descending);
        return [new SortKey("pk", leadDescending), .. orderBy, new SortKey("id", idDescending)];
    }
}
