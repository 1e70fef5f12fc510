using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>
/// CI types and their attribute schemas (CFG-02), kept as the versioned <c>ci-types</c> policy: the configuration
/// manager or an administrator edits them; a type in use cannot be deleted.
/// </summary>
public static class CiTypesApi
{
    public static RouteGroupBuilder MapCiTypes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ci-types").WithTags("Configuration items");
        group.MapGet("/", ListAsync).WithSummary("Every CI type with its attribute schema and how many CIs use it (CFG-02).");
        group.MapGet("/{id}", GetAsync).WithSummary("One CI type.");
        group.MapPut("/{id}", SaveAsync).Validated<SaveCiTypeRequest>().WithSummary("Add or change a type; usable at once (a new policy version).").ProducesProblem(412);
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a type no CI uses; a type in use is 409 (CFG-02).").ProducesProblem(409);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<CiTypeResponse>>> ListAsync(Caller caller, PolicyStore policies, CiStore cis, CancellationToken cancellationToken)
    {
        RequireStaff(caller);
        var (types, version) = await policies.CurrentAsync<CiTypesPolicy>(CiTypesPolicy.Kind, cancellationToken);
        var result = new List<CiTypeResponse>();
        foreach (var type in types.Types)
        {
            result.Add(ToResponse(type, await cis.CountOfTypeAsync(type.Id, cancellationToken), version));
        }

        return TypedResults.Ok<IReadOnlyList<CiTypeResponse>>(result);
    }

    private static async Task<Ok<CiTypeResponse>> GetAsync(string id, Caller caller, PolicyStore policies, CiStore cis, CancellationToken cancellationToken)
    {
        RequireStaff(caller);
        var (types, version) = await policies.CurrentAsync<CiTypesPolicy>(CiTypesPolicy.Kind, cancellationToken);
        var type = types.Find(id) ?? throw Problems.NotFound("CI type", id);
        return TypedResults.Ok(ToResponse(type, await cis.CountOfTypeAsync(type.Id, cancellationToken), version));
    }

    private static async Task<Ok<CiTypeResponse>> SaveAsync(string id, SaveCiTypeRequest request, Caller caller, PolicyStore policies, CiStore cis,
        CancellationToken cancellationToken)
    {
        RequireEditor(caller);
        var current = await CurrentAsync(policies, cancellationToken);
        var type = new CiTypeDefinition(id.ToLowerInvariant(), request.Name!, request.Description, request.MarkingLabel, request.Attributes?.ToList() ?? []);
        var next = current with { Types = [.. current.Types.Where(t => !string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase)), type] };
        var version = await SaveVersionAsync(policies, next, caller, cancellationToken);
        return TypedResults.Ok(ToResponse(type, await cis.CountOfTypeAsync(type.Id, cancellationToken), version));
    }

    private static async Task<NoContent> DeleteAsync(string id, Caller caller, PolicyStore policies, CiStore cis, CancellationToken cancellationToken)
    {
        RequireEditor(caller);
        var current = await CurrentAsync(policies, cancellationToken);
        var type = current.Find(id) ?? throw Problems.NotFound("CI type", id);
        if (await cis.CountOfTypeAsync(type.Id, cancellationToken) is var count and > 0)
        {
            throw Problems.Conflict($"{count} configuration items are of type '{type.Id}'; a type in use cannot be deleted.", "CFG-02");
        }

        await SaveVersionAsync(policies, current with { Types = current.Types.Where(t => t.Id != type.Id).ToList() }, caller, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<CiTypesPolicy> CurrentAsync(PolicyStore policies, CancellationToken cancellationToken) =>
        (await policies.CurrentAsync<CiTypesPolicy>(CiTypesPolicy.Kind, cancellationToken)).Body;

    private static async Task<int> SaveVersionAsync(PolicyStore policies, CiTypesPolicy next, Caller caller, CancellationToken cancellationToken)
    {
        next.Check();
        try
        {
            return (await policies.SaveAsync(CiTypesPolicy.Kind, next, caller.Actor, cancellationToken)).Value.Version;
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            throw Problems.StaleETag(CiTypesPolicy.Kind);
        }
    }

    private static CiTypeResponse ToResponse(CiTypeDefinition type, long count, int version) =>
        new(type.Id, type.Name, type.Description, type.MarkingLabel, type.Attributes, count, version);

    private static void RequireStaff(Caller caller)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("CI types are visible to staff.", "SEC-01");
        }
    }

    private static void RequireEditor(Caller caller) => caller.Require("CFG-02", ItsmRole.ConfigurationManager, ItsmRole.Admin);
}
