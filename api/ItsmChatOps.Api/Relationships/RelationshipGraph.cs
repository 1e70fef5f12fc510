using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.ConfigurationItems;
using ItsmChatOps.Api.ServiceCatalog;

namespace ItsmChatOps.Api.Relationships;

/// <summary>A CI or service reached by an impact walk, at its distance from the start, through the kind of the last edge.</summary>
public sealed record ImpactedNode<T>(T Record, int Distance, RelationshipKind Via);

public sealed record ImpactResult(IReadOnlyList<ImpactedNode<ConfigurationItem>> Cis, IReadOnlyList<ImpactedNode<Service>> Services)
{
    public IEnumerable<string> Ids => Cis.Select(c => c.Record.Id).Concat(Services.Select(s => s.Record.Id));
}

/// <summary>
/// Walks the CI graph (CFG-03): impact in either direction to a depth, through CIs and the catalogue services they
/// support (and services supported by other services), each node once however many paths or cycles lead to it;
/// and the cycle check for hierarchical kinds.
/// </summary>
public sealed class RelationshipGraph(CiStore cis, ServiceStore services)
{
    public const int DefaultDepth = 5;
    public const int MaxDepth = 10;

    public async Task<ImpactResult> ImpactAsync(IReadOnlyCollection<string> startIds, ImpactDirection direction, int depth, CancellationToken cancellationToken)
    {
        var reader = new Reader(cis, cancellationToken);
        var catalogue = await services.AllAsync(cancellationToken);
        var visited = new HashSet<string>(startIds, StringComparer.Ordinal);
        var foundCis = new List<ImpactedNode<ConfigurationItem>>();
        var foundServices = new List<ImpactedNode<Service>>();
        var frontier = startIds.ToList();
        for (var distance = 1; distance <= depth && frontier.Count > 0; distance++)
        {
            var next = new List<string>();
            foreach (var id in frontier)
            {
                foreach (var (neighbor, via) in await NeighborsAsync(id, direction, reader, catalogue))
                {
                    if (!visited.Add(neighbor))
                    {
                        continue;
                    }

                    if (catalogue.FirstOrDefault(s => s.Id == neighbor) is { } service)
                    {
                        foundServices.Add(new(service, distance, via));
                        next.Add(neighbor);
                    }
                    else if (await reader.CiAsync(neighbor) is { } ci)
                    {
                        foundCis.Add(new(ci, distance, via));
                        next.Add(neighbor);
                    }
                }
            }

            frontier = next;
        }

        return new(foundCis, foundServices);
    }

    /// <summary>Whether <c>from kind to</c> would close a cycle: <paramref name="fromId"/> is reachable from <paramref name="toId"/> through edges of that kind.</summary>
    public async Task<bool> WouldCycleAsync(string fromId, RelationshipKind kind, string toId, CancellationToken cancellationToken)
    {
        if (!RelationshipKinds.IsHierarchical(kind))
        {
            return false;
        }

        var reader = new Reader(cis, cancellationToken);
        var visited = new HashSet<string>(StringComparer.Ordinal) { toId };
        var queue = new Queue<string>([toId]);
        while (queue.TryDequeue(out var id))
        {
            if (id == fromId)
            {
                return true;
            }

            foreach (var edge in (await reader.CiAsync(id))?.Relationships.Where(r => r.Kind == kind) ?? [])
            {
                if (visited.Add(edge.TargetId))
                {
                    queue.Enqueue(edge.TargetId);
                }
            }
        }

        return false;
    }

    private static async Task<List<(string Id, RelationshipKind Via)>> NeighborsAsync(string id, ImpactDirection direction, Reader reader, IReadOnlyList<Service> catalogue)
    {
        var result = new List<(string, RelationshipKind)>();
        if (catalogue.FirstOrDefault(s => s.Id == id) is { } service)
        {
            // A service depends on its supporting services: they sit below it.
            result.AddRange(direction == ImpactDirection.Down
                ? service.SupportingServiceIds.Select(s => (s, RelationshipKind.DependsOn))
                : catalogue.Where(s => s.SupportingServiceIds.Contains(id)).Select(s => (s.Id, RelationshipKind.DependsOn)));
        }
        else if (await reader.CiAsync(id) is { } ci)
        {
            result.AddRange(ci.Relationships.Where(r => RelationshipKinds.FollowsForward(r.Kind, direction)).Select(r => (r.TargetId, r.Kind)));
        }

        foreach (var other in await reader.ReferencingAsync(id))
        {
            result.AddRange(other.Relationships
                .Where(r => r.TargetId == id && RelationshipKinds.FollowsBackward(r.Kind, direction))
                .Select(r => (other.Id, r.Kind)));
        }

        return result;
    }

    /// <summary>Reads each CI and each incoming-edge list once per walk.</summary>
    private sealed class Reader(CiStore cis, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, ConfigurationItem?> _cis = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<ConfigurationItem>> _referencing = new(StringComparer.Ordinal);

        public async Task<ConfigurationItem?> CiAsync(string id)
        {
            if (!_cis.TryGetValue(id, out var ci))
            {
                ci = id.StartsWith("CI-", StringComparison.Ordinal) ? await cis.GetAsync(id, cancellationToken) : null;
                _cis[id] = ci;
            }

            return ci;
        }

        public async Task<IReadOnlyList<ConfigurationItem>> ReferencingAsync(string id)
        {
            if (!_referencing.TryGetValue(id, out var list))
            {
                list = await cis.ReferencingAsync(id, cancellationToken);
                _referencing[id] = list;
                foreach (var ci in list)
                {
                    _cis.TryAdd(ci.Id, ci);
                }
            }

            return list;
        }
    }
}
