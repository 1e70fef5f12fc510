using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Changes;

/// <summary>Change management (requirements §8.2): the route table, then the handlers.</summary>
public static partial class ChangesApi
{
    public static RouteGroupBuilder MapChanges(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/changes").WithTags("Changes")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync).Validated<CreateChangeRequest>().WithSummary("Raise a change as a Draft: standard (from a template), normal or emergency (CHG-01, CHG-02).");
        group.MapGet("/", ListAsync).WithSummary("List changes by state, model, service, CI, implementer, originator or awaited approver; paged.");
        group.MapGet("/schedule", ScheduleAsync).WithSummary("The forward schedule of changes for a service and period (default: the next 14 days), with conflicts and blackout periods (CHG-08).");
        group.MapGet("/draft-from-incident/{incidentId}", DraftFromIncidentAsync).WithSummary("\"Raise change\" on an incident: a create request prefilled from it (CHG-01).");
        group.MapGet("/{id}", GetAsync).WithSummary("One change; the ETag header guards edits, approvalTag goes on approval cards.").ProducesProblem(404);
        group.MapPatch("/{id}", UpdateAsync).Validated<UpdateChangeRequest>()
            .WithSummary("Edit a change; a material edit after approval was requested returns it to Assessed and voids the approvals (CHG-06).").ProducesProblem(409).ProducesProblem(412);
        group.MapPut("/{id}/assessment", AssessAsync).Validated<AssessChangeRequest>()
            .WithSummary("Record the assessment: risk questionnaire, urgency, cost, benefit, resources and required assessments; impact and conflicts are computed (CHG-03).");
        group.MapPost("/{id}/transitions", TransitionAsync).Validated<TransitionChangeRequest>()
            .WithSummary("Move along the state machine of §16.5; other moves are 409.").ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/approvals", DecideAsync).Validated<ApprovalRequest>()
            .WithSummary("An approver's decision with the approval tag their card showed (CHG-05, CHG-06): not an approver 403, second vote 409, stale card 412 with the current change.")
            .ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/info-requests/{index:int}/answer", AnswerInfoAsync).Validated<InfoAnswerRequest>()
            .WithSummary("The originator answers an approver's question; the change stays PendingApproval and the approvers are told (CHG-05).").ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id}/window-override", WindowOverrideAsync).Validated<WindowOverrideRequest>().WithSummary("Change manager: let the implementer start outside the window, with a reason (CHG-10).");
        group.MapPost("/{id}/pir", PirAsync).Validated<PirRequest>().WithSummary("Change manager: the post-implementation review; side effects are listed automatically (CHG-13).");
        group.MapPost("/{id}/pir/customer-answer", CustomerAnswerAsync).Validated<PirCustomerAnswerRequest>().WithSummary("A customer representative: satisfied with the change? (CHG-13).");
        group.MapPost("/{id}/links", LinkAsync).Validated<LinkChangeRequest>().WithSummary("Link to an incident, problem, known error, change or release; two-way (CHG-15).");
        group.MapGet("/{id}/links", LinksAsync).WithSummary("Links from and to the change, e.g. incidents that name it as their cause or fix (CHG-15).");
        group.MapGet("/{id}/timeline", TimelineAsync).WithSummary("Every action on the change in order, with who was notified (MGT-05, CHG-09).");
        group.MapPost("/{id}/clone", CloneAsync).WithSummary("Clone a rejected change into a new revision (CHG-06).");
        routes.MapGroup("/api/approval-delegations").WithTags("Changes").MapDelegations();
        return group;
    }

    private static async Task<Created<ChangeResponse>> CreateAsync(CreateChangeRequest request, Caller caller, ChangeService changes, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await changes.CreateAsync(request, caller, cancellationToken);
        return TypedResults.Created($"/api/changes/{change.Id}", await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> GetAsync(string id, Caller caller, ChangeService changes, ChangeViews views, HttpContext context, CancellationToken cancellationToken)
    {
        var change = await changes.ReadAsync(id, caller, cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken, withCiUpdates: true));
    }

    private static async Task<Ok<ChangeResponse>> UpdateAsync(string id, UpdateChangeRequest request, Caller caller, ChangeWorkflow workflow, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await workflow.UpdateAsync(id, request, caller, ETags.IfMatch(context), cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> AssessAsync(string id, AssessChangeRequest request, Caller caller, ChangeWorkflow workflow, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await workflow.AssessAsync(id, request, caller, ETags.IfMatch(context), cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> TransitionAsync(string id, TransitionChangeRequest request, Caller caller, ChangeWorkflow workflow, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await workflow.TransitionAsync(id, request, caller, ETags.IfMatch(context), cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<Page<ChangeSummary>>> ListAsync([AsParameters] ChangeQuery query, Caller caller, ChangeStore store, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff && query.AwaitingApprovalBy != caller.Id)
        {
            throw Problems.Forbidden("Change lists are for staff; you can list the changes awaiting your approval (awaitingApprovalBy=you).", "SEC-01");
        }

        var (items, continuation) = await store.QueryAsync(ChangeQueries.Build(query), cancellationToken);
        return TypedResults.Ok(new Page<ChangeSummary>(items.Select(ChangeMapping.ToSummary).ToList(), continuation));
    }
}
