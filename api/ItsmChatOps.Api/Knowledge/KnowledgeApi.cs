using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>The knowledge base (requirements §7.2 KB): items and their lifecycle, search, answers, feedback and reports.</summary>
public static partial class KnowledgeApi
{
    private const int MaxPage = 200;

    public static RouteGroupBuilder MapKnowledge(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/knowledge").WithTags("Knowledge")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync).Validated<CreateKnowledgeItemRequest>().WithSummary("Write an item; it starts in Draft (KB-02, §16.9).");
        group.MapGet("/", ListAsync).WithSummary("Items the caller may see, most recently changed first.");
        group.MapGet("/search", SearchAsync).WithSummary("Hybrid search (BM25 + sentence embeddings) over what the caller may see (KB-01, KB-07).");
        group.MapPost("/answers", AnswerAsync).Validated<AnswerRequest>().WithSummary("Answer a question from published items only, with sources; \"I don't know\" otherwise (KB-01).");
        group.MapGet("/who", WhoAsync).WithSummary("The specialist directory for a service: groups, people, skills, supplier and on-call contacts (KB-02).");
        group.MapPost("/self-help", SelfHelpAsync).Validated<SelfHelpRequest>().WithSummary("Self-help before the incident form: a deflection, or the viewed items attached to the incident (KB-08).");
        group.MapGet("/reports/questions", QuestionsReportAsync).WithSummary("Most-asked questions in a period, with how often nothing answered them.");
        group.MapGet("/reports/helpfulness", HelpfulnessReportAsync).WithSummary("Least helpful items by their \"Did this help?\" votes (KB-04).");
        group.MapGet("/{id}", GetAsync).WithSummary("One item; retired items can still be fetched (KB-06).").ProducesProblem(404);
        group.MapPatch("/{id}", EditAsync).Validated<UpdateKnowledgeItemRequest>()
            .WithSummary("Edit a draft, or start the next version of a Published item while it stays live (KB-06).").ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/transitions", TransitionAsync).Validated<TransitionKnowledgeRequest>().WithSummary("Move the item along §16.9 (KB-06).").ProducesProblem(409);
        group.MapPost("/{id}/revision/transitions", ReviseAsync).Validated<TransitionKnowledgeRequest>()
            .WithSummary("Move the next version of a Published item along §16.9; publishing it replaces the live version (KB-06).").ProducesProblem(409);
        group.MapPost("/{id}/verified", VerifiedAsync).WithSummary("Record that the item was checked and still works (KB-03 last-verified date).");
        group.MapPost("/{id}/feedback", FeedbackAsync).Validated<KnowledgeFeedbackRequest>().WithSummary("\"Did this help?\" (KB-04).");
        group.MapPost("/{id}/applications", ApplyAsync).Validated<ApplyKnowledgeRequest>().WithSummary("A workaround or known error applied to an incident (INC-09, KB-03).");
        routes.MapGet("/api/incidents/{id}/suggestions", SuggestionsAsync).WithTags("Knowledge")
            .WithSummary("Suggested fixes for an incident: top 3 published items and resolved incidents on its service or CIs, with scores (INC-09).");
        return group;
    }

    private static async Task<Created<KnowledgeItemResponse>> CreateAsync(CreateKnowledgeItemRequest request, Caller caller, KnowledgeService knowledge,
        HttpContext context, CancellationToken cancellationToken)
    {
        var item = await knowledge.CreateAsync(request, caller, cancellationToken);
        return TypedResults.Created($"/api/knowledge/{item.Id}", WithETag(context, item, caller));
    }

    private static async Task<Ok<Page<KnowledgeItemSummary>>> ListAsync(Caller caller, KnowledgeService knowledge, KnowledgeStore store,
        KnowledgeState? state, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > MaxPage)
        {
            throw Problems.BadRequest($"limit must be between 1 and {MaxPage}.", "limit");
        }

        var audiences = await knowledge.AudiencesAsync(caller, cancellationToken);
        var where = state is { } s ? new List<Condition> { new Eq("state", System.Text.Json.Nodes.JsonValue.Create(s.ToString())) } : [];
        var (items, next) = await store.PageAsync(where, size, continuation, cancellationToken);
        return TypedResults.Ok(new Page<KnowledgeItemSummary>(
            items.Where(i => KnowledgeAccess.CanRead(caller, i, audiences)).Select(KnowledgeMapping.ToSummary).ToList(), next));
    }

    private static async Task<Ok<KnowledgeItemResponse>> GetAsync(string id, Caller caller, KnowledgeService knowledge, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await knowledge.ReadAsync(id, caller, cancellationToken), caller));

    private static async Task<Ok<KnowledgeItemResponse>> EditAsync(string id, UpdateKnowledgeItemRequest request, Caller caller, KnowledgeService knowledge,
        HttpContext context, CancellationToken cancellationToken)
    {
        var item = await knowledge.ChangeAsync(id, caller, ETags.IfMatch(context), (item, _, now) =>
        {
            if (!KnowledgeAccess.CanAuthor(caller))
            {
                throw Problems.Forbidden("Knowledge editors, resolvers, the service desk and problem management edit knowledge items.", "KB-06");
            }

            KnowledgeRules.Edit(item, content => KnowledgeMapping.Apply(content, request), caller, now);
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, item, caller));
    }

    private static async Task<Ok<KnowledgeItemResponse>> TransitionAsync(string id, TransitionKnowledgeRequest request, Caller caller, KnowledgeService knowledge,
        KnownErrors.KnownErrorService knownErrors, HttpContext context, CancellationToken cancellationToken)
    {
        var item = await knowledge.ChangeAsync(id, caller, ETags.IfMatch(context),
            (item, policy, now) => KnowledgeRules.Transition(item, request, caller, policy, now, revision: false), cancellationToken);
        await knownErrors.KnowledgePublishedAsync(item, caller, cancellationToken);
        return TypedResults.Ok(WithETag(context, item, caller));
    }

    private static async Task<Ok<KnowledgeItemResponse>> ReviseAsync(string id, TransitionKnowledgeRequest request, Caller caller, KnowledgeService knowledge,
        KnownErrors.KnownErrorService knownErrors, HttpContext context, CancellationToken cancellationToken)
    {
        var item = await knowledge.ChangeAsync(id, caller, ETags.IfMatch(context),
            (item, policy, now) => KnowledgeRules.Transition(item, request, caller, policy, now, revision: true), cancellationToken);
        await knownErrors.KnowledgePublishedAsync(item, caller, cancellationToken);
        return TypedResults.Ok(WithETag(context, item, caller));
    }

    private static async Task<Ok<KnowledgeItemResponse>> VerifiedAsync(string id, Caller caller, KnowledgeService knowledge, HttpContext context, CancellationToken cancellationToken)
    {
        var item = await knowledge.ChangeAsync(id, caller, null, (item, _, now) =>
        {
            if (!KnowledgeAccess.CanAuthor(caller))
            {
                throw Problems.Forbidden("Staff who write knowledge record that it was verified.", "KB-03");
            }

            item.LastVerifiedAt = now;
            item.Raise(caller.Actor, now, "KnowledgeItemVerified", Client.Events.EventVisibility.Internal);
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, item, caller));
    }

    private static KnowledgeItemResponse WithETag(HttpContext context, KnowledgeItem item, Caller caller)
    {
        context.Response.Headers.ETag = item.ETag;
        return KnowledgeMapping.ToResponse(item, showRevision: caller.IsStaff);
    }
}
