using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Knowledge;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.ProblemManagement;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.KnownErrors;

/// <summary>Known errors (requirements §7.3, §16.4): reads, edits that version the KB entry, the lifecycle and fix changes.</summary>
public static class KnownErrorsApi
{
    public static RouteGroupBuilder MapKnownErrors(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/known-errors").WithTags("Known errors")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id}", GetAsync).WithSummary("One known error with its usage counts (PRB-17).").ProducesProblem(404);
        group.MapPatch("/{id}", UpdateAsync).Validated<UpdateKnownErrorRequest>().WithSummary("Edit symptoms, cause or workaround; the KB entry gets a new version (KB-05).").ProducesProblem(412);
        group.MapPost("/{id}/transitions", TransitionAsync).Validated<TransitionKnownErrorRequest>()
            .WithSummary("Move along §16.4: publish (with its KB entry), accept a decision not to fix, reopen, close (PRB-05, PRB-06, PRB-17).").ProducesProblem(409);
        group.MapPost("/{id}/changes", LinkChangeAsync).Validated<LinkKnownErrorChangeRequest>().WithSummary("Link the change that fixes it (PRB-07).");
        return group;
    }

    private static async Task<Ok<KnownErrorResponse>> GetAsync(string id, Caller caller, KnownErrorService knownErrors, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await knownErrors.ReadAsync(id, caller, cancellationToken), time));

    private static async Task<Ok<KnownErrorResponse>> UpdateAsync(string id, UpdateKnownErrorRequest request, Caller caller, KnownErrorService knownErrors, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await knownErrors.UpdateAsync(id, request, caller, ETags.IfMatch(context), cancellationToken), time));

    private static async Task<Ok<KnownErrorResponse>> TransitionAsync(string id, TransitionKnownErrorRequest request, Caller caller, KnownErrorService knownErrors,
        KnowledgeService knowledge, ServiceStore services, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.To == KnownErrorState.Published && (await knownErrors.ReadAsync(id, caller, cancellationToken)) is { State: KnownErrorState.Draft, WorkaroundKbId: { } entry })
        {
            // KB-05: a known error is published by publishing its KB entry, so the service desk finds it at once.
            var item = await knowledge.ChangeAsync(entry, caller, null,
                (item, policy, now) => KnowledgeRules.Transition(item, new TransitionKnowledgeRequest { To = KnowledgeState.Published }, caller, policy, now, revision: false), cancellationToken);
            await knownErrors.KnowledgePublishedAsync(item, caller, cancellationToken);
            return TypedResults.Ok(WithETag(context, await knownErrors.ReadAsync(id, caller, cancellationToken), time));
        }

        var all = await services.AllAsync(cancellationToken);
        var error = await knownErrors.ChangeAsync(id, caller, ETags.IfMatch(context), (e, policy, now) =>
        {
            KnownErrorRules.Transition(e, request, caller, policy, all, now);
            return Task.CompletedTask;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, error, time));
    }

    private static async Task<Ok<KnownErrorResponse>> LinkChangeAsync(string id, LinkKnownErrorChangeRequest request, Caller caller, KnownErrorService knownErrors,
        LinkStore links, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        await ProblemsApi.LinkChangeToKnownErrorAsync(id, request.ChangeId!, caller, knownErrors, links, time, cancellationToken);
        return TypedResults.Ok(WithETag(context, await knownErrors.ReadAsync(id, caller, cancellationToken), time));
    }

    private static KnownErrorResponse WithETag(HttpContext context, KnownError error, TimeProvider time)
    {
        context.Response.Headers.ETag = error.ETag;
        return ProblemMapping.ToResponse(error, time.GetUtcNow());
    }
}
