using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>Problem management (requirements §7.3 PRB): the route table, then the handlers.</summary>
public static partial class ProblemsApi
{
    public static RouteGroupBuilder MapProblems(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/problems").WithTags("Problems")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync).Validated<CreateProblemRequest>().WithSummary("Log a problem; staff only (PRB-01).");
        group.MapGet("/", ListAsync).WithSummary("Open problems by priority, oldest first (PRB-09); all=true includes closed ones.");
        group.MapGet("/{id}", GetAsync).WithSummary("One problem; the ETag header is the version to send back in If-Match.").ProducesProblem(404);
        group.MapPatch("/{id}", UpdateAsync).Validated<UpdateProblemRequest>().WithSummary("Edit descriptive fields and findings (root cause, cause category, resolution method, customer text).").ProducesProblem(412);
        group.MapPost("/{id}/transitions", TransitionAsync).Validated<TransitionProblemRequest>()
            .WithSummary("Move along §16.3; RootCauseIdentified creates the known error and its KB draft (PRB-04).").ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/assignments", AssignAsync).Validated<AssignProblemRequest>().WithSummary("Change owner, analyst or group; the history keeps each period (PRB-09).");
        group.MapPost("/{id}/workarounds", AddWorkaroundAsync).Validated<AddProblemWorkaroundRequest>()
            .WithSummary("Add a workaround: told to those affected (PRB-08) and offered to the KB as a draft (INC-13, KB-03).");
        group.MapPost("/{id}/actions", AddActionAsync).Validated<AddProblemActionRequest>().WithSummary("An action item with owner and due date; reminded when overdue (PRB-09).");
        group.MapPost("/{id}/actions/{actionId}", UpdateActionAsync).Validated<UpdateProblemActionRequest>().WithSummary("Mark an action done or cancelled.");
        group.MapPost("/{id}/effort", LogEffortAsync).Validated<LogEffortRequest>().WithSummary("Log effort spent (PRB-09).");
        group.MapPost("/{id}/changes", LinkChangeAsync).Validated<LinkChangeRequest>().WithSummary("Link the change that fixes the problem and its known errors (PRB-07).");
        group.MapPost("/{id}/incidents", LinkIncidentAsync).Validated<LinkProblemIncidentRequest>().WithSummary("Link an incident, both ways (INC-18).").ProducesProblem(409);
        group.MapGet("/{id}/impact", ImpactAsync).WithSummary("Affected business areas, customers and users, linked and breached incidents, downtime (PRB-10).");
        group.MapPost("/{id}/cascade", CascadeAsync).Validated<ProblemMessageRequest>().WithSummary("Send a status message to affected customers' contacts and those supporting the services (PRB-10).");
        group.MapPost("/{id}/customer-agreement", AgreeAsync).Validated<CustomerAgreementRequest>().WithSummary("The service owner or a customer representative agrees to closure (PRB-12).");
        group.MapPost("/{id}/customer-notice", NoticeAsync).Validated<ProblemMessageRequest>().WithSummary("Tell the customer no resolution is possible (PRB-12).");
        group.MapPost("/{id}/deliveries", DeliveryAsync).Validated<ProblemDeliveryReport>().WithSummary("The bot reports that a problem message was delivered (PRB-12).");
        routes.MapPost("/api/incidents/{id}/problem", RaiseFromIncidentAsync).Validated<RaiseProblemFromIncidentRequest>().WithTags("Problems")
            .WithSummary("\"Raise problem\": a problem prefilled from the incident and linked to it both ways (PRB-01).").ProducesProblem(409);
        var candidates = routes.MapGroup("/api/problem-candidates").WithTags("Problems");
        candidates.MapGet("/", CandidatesAsync).WithSummary("Recurring-incident clusters waiting for the problem manager (PRB-02).");
        candidates.MapGet("/{id}", CandidateAsync).WithSummary("One cluster.");
        candidates.MapPost("/{id}/decision", DecideAsync).Validated<CandidateDecisionRequest>().WithSummary("Accept (creates the problem with its links) or dismiss with a reason (PRB-02).");
        return group;
    }

    private static async Task<Created<ProblemResponse>> CreateAsync(CreateProblemRequest request, Caller caller, ProblemService problems, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.CreateAsync(request, caller, cancellationToken);
        return TypedResults.Created($"/api/problems/{problem.Id}", WithETag(context, problem, time));
    }

    private static async Task<Created<ProblemResponse>> RaiseFromIncidentAsync(string id, RaiseProblemFromIncidentRequest request, Caller caller, ProblemService problems,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.RaiseFromIncidentAsync(id, request, caller, cancellationToken);
        return TypedResults.Created($"/api/problems/{problem.Id}", WithETag(context, problem, time));
    }

    private static async Task<Ok<Page<ProblemSummary>>> ListAsync(bool? all, int? limit, string? continuation, Caller caller, ProblemService problems, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Problems are visible to staff.", "PRB-01");
        }

        var (items, next) = await problems.Records.QueryAsync(new DocumentQuery
        {
            Where = all == true ? [] : [new Eq("open", JsonValue.Create(true))],
            OrderBy = all == true ? [new SortKey("updatedAt", Descending: true)] : [new SortKey("open"), new SortKey("priority"), new SortKey("createdAt")],
            PageSize = Math.Clamp(limit ?? 50, 1, 200),
            Continuation = continuation,
        }, cancellationToken);
        return TypedResults.Ok(new Page<ProblemSummary>(items.Select(ProblemMapping.ToSummary).ToList(), next));
    }

    private static async Task<Ok<ProblemResponse>> GetAsync(string id, Caller caller, ProblemService problems, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(WithETag(context, await problems.ReadAsync(id, caller, cancellationToken), time));

    private static async Task<Ok<ProblemResponse>> UpdateAsync(string id, UpdateProblemRequest request, Caller caller, ProblemService problems, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.ChangeAsync(id, caller, ETags.IfMatch(context), (p, now) =>
        {
            ProblemRules.RequireOpen(p);
            ProblemRules.RequireProblemStaff(caller, "PRB-01");
            if (request.CustomerText is not null && !ProblemRules.IsProblemManager(caller))
            {
                throw Problems.Forbidden("The problem manager sets the customer-visible text.", "PRB-08");
            }

            var changes = new List<FieldChange>();
            void Set<T>(string field, T current, T? value, Action<T> apply)
            {
                if (value is not null && !EqualityComparer<T>.Default.Equals(current, value))
                {
                    changes.Add(RecordDocument.Change(field, current, value));
                    apply(value);
                }
            }

            Set("title", p.Title, request.Title?.Trim(), v => p.Title = v);
            Set("description", p.Description, request.Description, v => p.Description = v);
            Set("category", p.Category, request.Category, v => p.Category = v);
            Set("rootCause", p.RootCause, request.RootCause, v => p.RootCause = v);
            Set("causeCategory", p.CauseCategory, request.CauseCategory, v => p.CauseCategory = v);
            Set("resolutionMethod", p.ResolutionMethod, request.ResolutionMethod, v => p.ResolutionMethod = v);
            Set("customerText", p.CustomerText, request.CustomerText, v => p.CustomerText = v);
            Set("serviceIds", p.ServiceIds, request.ServiceIds?.ToList(), v => p.ServiceIds = v);
            Set("ciIds", p.CiIds, request.CiIds?.ToList(), v => p.CiIds = v);
            Set("businessAreas", p.BusinessAreas, request.BusinessAreas?.ToList(), v => p.BusinessAreas = v);
            if (changes.Count > 0)
            {
                p.Raise(caller.Actor, now, "ProblemUpdated", EventVisibility.Internal, changes);
            }
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<ProblemResponse>> TransitionAsync(string id, TransitionProblemRequest request, Caller caller, ProblemService problems, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.TransitionAsync(id, request, caller, ETags.IfMatch(context), cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static ProblemResponse WithETag(HttpContext context, Problem problem, TimeProvider time)
    {
        context.Response.Headers.ETag = problem.ETag;
        return ProblemMapping.ToResponse(problem, time.GetUtcNow());
    }
}
