using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>Configuration management (requirements §8.1): the route table, then the handlers.</summary>
public static partial class CiApi
{
    public static RouteGroupBuilder MapConfigurationItems(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cis").WithTags("Configuration items")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync).Validated<CreateCiRequest>().WithSummary("Register a CI (CFG-01): owner required, attributes checked against its type (CFG-02), unique marking and name + version.")
            .ProducesProblem(409);
        group.MapGet("/", ListAsync).WithSummary("Find CIs by type, state, owner, supported service or name; paged.");
        group.MapGet("/lookup", LookupAsync).WithSummary("Chat lookup by name, id or marking (CFG-14): state, version, owner, services, open incidents, problems, scheduled changes.");
        group.MapGet("/{id}", GetAsync).WithSummary("One CI; with asOf, the version in force at that time (CFG-07).").ProducesProblem(404);
        group.MapGet("/{id}/history", HistoryAsync).WithSummary("Every version of the CI: attributes, relationships, state and location, with who, when and the authorizing change (CFG-07).");
        group.MapPatch("/{id}", UpdateAsync).Validated<UpdateCiRequest>()
            .WithSummary("Edit a CI; controlled fields of a Live CI need an Implementing change that lists it (CFG-05).").ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/transitions", TransitionAsync).Validated<TransitionCiRequest>()
            .WithSummary("Move along the CI lifecycle of §16.6 (CFG-06); other moves are 409.").ProducesProblem(409).ProducesProblem(412);
        return group;
    }

    private static async Task<Created<CiResponse>> CreateAsync(CreateCiRequest request, Caller caller, CiService cis, HttpContext context, CancellationToken cancellationToken)
    {
        var ci = await cis.CreateAsync(request, caller, cancellationToken);
        return TypedResults.Created($"/api/cis/{ci.Id}", WithETag(context, ci));
    }

    private static async Task<Ok<CiResponse>> GetAsync(string id, DateTimeOffset? asOf, Caller caller, CiService cis, EventLog log, HttpContext context,
        CancellationToken cancellationToken)
    {
        var ci = await cis.ReadAsync(id, caller, cancellationToken);
        if (asOf is not { } at)
        {
            return TypedResults.Ok(WithETag(context, ci));
        }

        var version = CiMapping.Versions(await log.TimelineAsync(ci, cancellationToken)).LastOrDefault(v => v.At <= at)
            ?? throw Problems.NotFound("Configuration item version", $"{id} as of {Client.UtcTimestampConverter.Text(at)}");
        return TypedResults.Ok(version.Ci with { AsOf = at });
    }

    private static async Task<Ok<IReadOnlyList<CiVersionResponse>>> HistoryAsync(string id, Caller caller, CiService cis, EventLog log, CancellationToken cancellationToken)
    {
        var ci = await cis.ReadAsync(id, caller, cancellationToken);
        return TypedResults.Ok(CiMapping.Versions(await log.TimelineAsync(ci, cancellationToken)));
    }

    private static async Task<Ok<CiResponse>> UpdateAsync(string id, UpdateCiRequest request, Caller caller, CiService cis, HttpContext context, CancellationToken cancellationToken)
    {
        var ci = await cis.ChangeAsync(id, caller, ETags.IfMatch(context), async (ci, type, now) =>
        {
            if (ci.IsTerminal)
            {
                throw Problems.Conflict($"{ci.Id} is {ci.State}; it can no longer be changed.", "CFG-06");
            }

            var authorizing = request.ChangeId is { } changeId ? await cis.AuthorizingChangeAsync(changeId, ci, cancellationToken) : null;
            CiService.RequireEditor(ci, caller, authorizing);
            var changes = CiRules.Apply(ci, request, type);
            if (changes.Count == 0)
            {
                return false;
            }

            if (CiRules.TouchesControlled(changes, type))
            {
                CiService.RequireAuthorization(ci, authorizing);
            }

            ci.RecordVersion(caller.Actor, now, "CiUpdated", changes, authorizing?.Id, ci.OwnerId == caller.Id ? [] : [ci.OwnerId]);
            return true;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, ci));
    }

    private static async Task<Ok<CiResponse>> TransitionAsync(string id, TransitionCiRequest request, Caller caller, CiService cis, HttpContext context,
        CancellationToken cancellationToken)
    {
        var ci = await cis.ChangeAsync(id, caller, ETags.IfMatch(context), async (ci, _, now) =>
        {
            var authorizing = request.ChangeId is { } changeId ? await cis.AuthorizingChangeAsync(changeId, ci, cancellationToken) : null;
            CiTransitions.Apply(ci, request, caller, authorizing?.Id, now);
            return true;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, ci));
    }

    private static CiResponse WithETag(HttpContext context, ConfigurationItem ci)
    {
        context.Response.Headers.ETag = ci.ETag;
        return CiMapping.ToResponse(ci);
    }
}
