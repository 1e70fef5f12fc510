using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.ConfigurationItems;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Relationships;

/// <summary>Typed, directed relationships between CIs and to services, and impact queries over them (CFG-03).</summary>
public static class RelationshipsApi
{
    public static RouteGroupBuilder MapRelationships(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cis/{id}").WithTags("Configuration items");
        group.MapPost("/relationships", AddAsync).Validated<AddRelationshipRequest>()
            .WithSummary("Add a relationship; duplicates and cycles of partOf and runsOn are refused (409); a Live CI needs an authorizing change (CFG-05).")
            .ProducesProblem(409);
        group.MapGet("/relationships", ListAsync).WithSummary("The CI's relationships in both directions.");
        group.MapDelete("/relationships/{kind}/{targetId}", RemoveAsync).WithSummary("Remove a relationship (a new version of the CI).");
        group.MapGet("/impact", ImpactAsync).WithSummary("What the CI reaches: direction=up (what depends on it, and the services it supports) or down, to depth N (CFG-03).");
        return group;
    }

    private static async Task<Ok<CiResponse>> AddAsync(string id, AddRelationshipRequest request, Caller caller, CiService cis, CiStore store, ServiceStore services,
        RelationshipGraph graph, HttpContext context, CancellationToken cancellationToken)
    {
        var kind = request.Kind!.Value;
        var target = request.TargetId!;
        var targetExists = kind == RelationshipKind.Supports
            ? await services.GetAsync(target, cancellationToken) is not null
            : target != id && await store.GetAsync(target, cancellationToken) is not null;
        if (!targetExists)
        {
            throw Problems.Unprocessable(kind == RelationshipKind.Supports
                ? $"'{target}' is not a catalogue service; a CI supports a service."
                : $"'{target}' is not another configuration item.", "CFG-03", "targetId");
        }

        var ci = await cis.ChangeAsync(id, caller, ETags.IfMatch(context), async (ci, _, now) =>
        {
            var authorizing = await AuthorizeAsync(ci, request.ChangeId, caller, cis, cancellationToken);
            if (ci.Relationships.Any(r => r.Kind == kind && r.TargetId == target))
            {
                throw Problems.Duplicate($"{ci.Id} already {kind} {target}.", "CFG-03");
            }

            if (await graph.WouldCycleAsync(ci.Id, kind, target, cancellationToken))
            {
                throw Problems.Conflict($"{ci.Id} {kind} {target} would close a cycle: {target} already leads back to {ci.Id} through {kind}.", "CFG-03");
            }

            var before = ci.Relationships.ToList();
            ci.Relationships.Add(new CiRelationship(kind, target));
            ci.RecordVersion(caller.Actor, now, "CiRelationshipAdded", [RecordDocument.Change("relationships", before, ci.Relationships)], authorizing);
            return true;
        }, cancellationToken);

        // Two writers may each add half of a cycle at once; the later one to notice takes its edge back.
        if (await graph.WouldCycleAsync(ci.Id, kind, target, cancellationToken))
        {
            await cis.ChangeAsync(id, null, null, (ci, _, now) => Task.FromResult(Remove(ci, kind, target, Actor.System, null, now)), cancellationToken);
            throw Problems.Conflict($"{id} {kind} {target} closed a cycle with a relationship added at the same moment, so it was taken back.", "CFG-03");
        }

        context.Response.Headers.ETag = ci.ETag;
        return TypedResults.Ok(CiMapping.ToResponse(ci));
    }

    private static async Task<Ok<CiResponse>> RemoveAsync(string id, RelationshipKind kind, string targetId, string? changeId, Caller caller, CiService cis,
        HttpContext context, CancellationToken cancellationToken)
    {
        var ci = await cis.ChangeAsync(id, caller, ETags.IfMatch(context), async (ci, _, now) =>
        {
            var authorizing = await AuthorizeAsync(ci, changeId, caller, cis, cancellationToken);
            return Remove(ci, kind, targetId, caller.Actor, authorizing, now) ? true : throw Problems.NotFound("Relationship", $"{id} {kind} {targetId}");
        }, cancellationToken);
        context.Response.Headers.ETag = ci.ETag;
        return TypedResults.Ok(CiMapping.ToResponse(ci));
    }

    private static async Task<Ok<IReadOnlyList<RelationshipEdge>>> ListAsync(string id, Caller caller, CiService cis, CiStore store, CancellationToken cancellationToken)
    {
        var ci = await cis.ReadAsync(id, caller, cancellationToken);
        var incoming = (await store.ReferencingAsync(id, cancellationToken))
            .SelectMany(other => other.Relationships.Where(r => r.TargetId == id).Select(r => new RelationshipEdge(other.Id, r.Kind, id, "incoming")));
        IReadOnlyList<RelationshipEdge> edges = ci.Relationships.Select(r => new RelationshipEdge(id, r.Kind, r.TargetId, "outgoing")).Concat(incoming).ToList();
        return TypedResults.Ok(edges);
    }

    private static async Task<Ok<ImpactResponse>> ImpactAsync(string id, string? direction, int? depth, Caller caller, CiService cis, RelationshipGraph graph,
        CancellationToken cancellationToken)
    {
        await cis.ReadAsync(id, caller, cancellationToken);
        var levels = depth ?? RelationshipGraph.DefaultDepth;
        if (levels is < 1 or > RelationshipGraph.MaxDepth)
        {
            throw Problems.BadRequest($"depth must be between 1 and {RelationshipGraph.MaxDepth}.", "depth");
        }

        var walk = direction is null ? ImpactDirection.Up
            : Enum.TryParse<ImpactDirection>(direction, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(direction, out _) ? parsed
            : throw Problems.BadRequest("direction must be up or down.", "direction");
        var result = await graph.ImpactAsync([id], walk, levels, cancellationToken);
        return TypedResults.Ok(new ImpactResponse(id, walk, levels,
            result.Cis.Select(n => Changes.ChangeAnalysis.ToImpacted(n.Record, n.Distance, n.Via)).ToList(),
            result.Services.Select(n => new ImpactedService(n.Record.Id, n.Record.Name, n.Record.Criticality, n.Record.OwnerId, n.Record.CustomerIds, n.Distance)).ToList()));
    }

    /// <summary>Who may change a CI's relationships, and under which change when it is Live (CFG-05).</summary>
    private static async Task<string?> AuthorizeAsync(ConfigurationItem ci, string? changeId, Caller caller, CiService cis, CancellationToken cancellationToken)
    {
        if (ci.IsTerminal)
        {
            throw Problems.Conflict($"{ci.Id} is {ci.State}; it can no longer be changed.", "CFG-06");
        }

        var authorizing = changeId is null ? null : await cis.AuthorizingChangeAsync(changeId, ci, cancellationToken);
        CiService.RequireEditor(ci, caller, authorizing);
        CiService.RequireAuthorization(ci, authorizing);
        return authorizing?.Id;
    }

    private static bool Remove(ConfigurationItem ci, RelationshipKind kind, string targetId, Actor actor, string? authorizing, DateTimeOffset now)
    {
        var before = ci.Relationships.ToList();
        if (ci.Relationships.RemoveAll(r => r.Kind == kind && r.TargetId == targetId) == 0)
        {
            return false;
        }

        ci.RecordVersion(actor, now, "CiRelationshipRemoved", [RecordDocument.Change("relationships", before, ci.Relationships)], authorizing);
        return true;
    }
}
