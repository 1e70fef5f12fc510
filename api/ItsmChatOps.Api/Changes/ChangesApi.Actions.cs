using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Idempotency;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ItsmChatOps.Api.Changes;

public static partial class ChangesApi
{
    private static async Task<Ok<ChangeResponse>> DecideAsync(string id, ApprovalRequest request, Caller caller, ChangeWorkflow workflow, ChangeViews views,
        [FromHeader(Name = IdempotencyStore.Header)] string? idempotencyKey, HttpContext context, CancellationToken cancellationToken)
    {
        var change = await workflow.DecideAsync(id, request, caller, idempotencyKey, cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> AnswerInfoAsync(string id, int index, InfoAnswerRequest request, Caller caller, ChangeService changes, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await changes.ChangeAsync(id, caller, null, (change, _, _, now) =>
        {
            ChangeApprovals.Answer(change, index, request.Answer!.Trim(), caller, now);
            return Task.CompletedTask;
        }, cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> WindowOverrideAsync(string id, WindowOverrideRequest request, Caller caller, ChangeService changes, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await changes.ChangeAsync(id, caller, ETags.IfMatch(context), (change, _, _, now) =>
        {
            ChangeAccess.RequireChangeManager(caller, "CHG-10", "lets a change start outside its window");
            if (change.State is not (ChangeState.Scheduled or ChangeState.Approved))
            {
                throw Problems.Conflict($"{change.Id} is {change.State}; a window override applies before implementation starts.", "CHG-10");
            }

            change.WindowOverride = new(caller.Id, request.Reason!, now);
            change.Raise(caller.Actor, now, "ChangeWindowOverridden", EventVisibility.Internal, notify: ChangeNotify.Implementer(change),
                data: new JsonObject { ["reason"] = request.Reason });
            return Task.CompletedTask;
        }, cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> PirAsync(string id, PirRequest request, Caller caller, ChangeWorkflow workflow, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await workflow.RecordPirAsync(id, request, caller, cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> CustomerAnswerAsync(string id, PirCustomerAnswerRequest request, Caller caller, ChangeService changes, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await changes.ChangeAsync(id, caller, null, (change, policy, _, now) =>
        {
            ChangeClosure.CustomerAnswer(change, request, caller, policy, now);
            return Task.CompletedTask;
        }, cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Ok<ChangeResponse>> LinkAsync(string id, LinkChangeRequest request, Caller caller, ChangeService changes, ChangeViews views,
        HttpContext context, CancellationToken cancellationToken)
    {
        var change = await changes.ChangeAsync(id, caller, ETags.IfMatch(context), (change, _, _, now) =>
        {
            ChangeLinking.Add(change, request.Kind!.Value, request.TargetId!, caller, now);
            return Task.CompletedTask;
        }, cancellationToken);
        return TypedResults.Ok(await views.WithETagAsync(context, change, cancellationToken));
    }

    private static async Task<Created<ChangeResponse>> CloneAsync(string id, Caller caller, ChangeService changes, ChangeViews views, HttpContext context,
        CancellationToken cancellationToken)
    {
        var original = await changes.ReadAsync(id, caller, cancellationToken);
        if (original.State != ChangeState.Rejected)
        {
            throw Problems.Conflict($"{id} is {original.State}; only a rejected change is cloned into a new revision.", "CHG-06");
        }

        var clone = await changes.CreateAsync(new CreateChangeRequest
        {
            Model = original.Model,
            TemplateId = original.TemplateId,
            Title = original.Title,
            Description = original.Description,
            Scope = original.Scope,
            BenefitCategory = original.BenefitCategory,
            Justification = original.Justification,
            EmergencyJustification = original.EmergencyJustification,
            OriginRefs = original.OriginRefs,
            ServiceIds = original.ServiceIds,
            CiIds = original.CiIds,
            Window = original.Window,
            Outage = original.Outage,
            ImplementerId = original.ImplementerId,
            ImplementerGroupId = original.ImplementerGroupId,
            VerifierId = original.VerifierId,
            ImplementationPlan = original.CurrentPlan(PlanKind.Implementation)?.Text,
            BackoutPlan = original.CurrentPlan(PlanKind.Backout)?.Text,
            TestPlan = original.CurrentPlan(PlanKind.Test)?.Text,
        }, caller, cancellationToken);
        var linked = await changes.ChangeAsync(clone.Id, caller, null, (change, _, _, now) =>
        {
            ChangeLinking.Add(change, ChangeLinkKind.RevisionOf, original.Id, caller, now);
            return Task.CompletedTask;
        }, cancellationToken);
        return TypedResults.Created($"/api/changes/{linked.Id}", await views.WithETagAsync(context, linked, cancellationToken));
    }

    private static RouteGroupBuilder MapDelegations(this RouteGroupBuilder group)
    {
        group.MapPost("/", DelegateAsync).Validated<DelegationRequest>().WithSummary("Delegate your approvals to a deputy for a date range (CHG-05).");
        group.MapGet("/", DelegationsAsync).WithSummary("Your delegations, and the approvers who delegated to you.");
        return group;
    }

    private static async Task<Created<DelegationView>> DelegateAsync(DelegationRequest request, Caller caller, DelegationStore delegations, PeopleStore people,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.DeputyId == caller.Id || await people.GetAsync(request.DeputyId!, cancellationToken) is null)
        {
            errors["deputyId"] = ["Name a deputy known to the service desk, other than yourself."];
        }

        if (request.To <= request.From || request.To <= time.GetUtcNow())
        {
            errors["to"] = ["The delegation must end after it starts, and in the future."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "CHG-05");
        }

        var delegation = new Delegation(request.DeputyId!, request.From!.Value, request.To!.Value, time.GetUtcNow());
        await delegations.AddAsync(caller.Id, delegation, caller.Actor, cancellationToken);
        return TypedResults.Created("/api/approval-delegations", new DelegationView(caller.Id, delegation.DeputyId, delegation.From, delegation.To, delegation.CreatedAt));
    }

    private static async Task<Ok<IReadOnlyList<DelegationView>>> DelegationsAsync(Caller caller, DelegationStore delegations, TimeProvider time, CancellationToken cancellationToken)
    {
        var mine = (await delegations.OfAsync(caller.Id, cancellationToken))?.Entries.Select(e => new DelegationView(caller.Id, e.DeputyId, e.From, e.To, e.CreatedAt)) ?? [];
        var toMe = new List<DelegationView>();
        foreach (var approverId in await delegations.DelegatorsForAsync(caller.Id, time.GetUtcNow(), cancellationToken))
        {
            toMe.AddRange((await delegations.OfAsync(approverId, cancellationToken))!.Entries.Where(e => e.DeputyId == caller.Id)
                .Select(e => new DelegationView(approverId, e.DeputyId, e.From, e.To, e.CreatedAt)));
        }

        return TypedResults.Ok<IReadOnlyList<DelegationView>>([.. mine, .. toMe]);
    }
}
