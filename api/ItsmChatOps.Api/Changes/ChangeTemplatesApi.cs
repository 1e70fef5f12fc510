using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Changes;

/// <summary>Standard change templates (CHG-02): readable by staff, maintained by the change manager only.</summary>
public static class ChangeTemplatesApi
{
    public static RouteGroupBuilder MapChangeTemplates(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/change-templates").WithTags("Changes");
        group.MapGet("/", ListAsync).WithSummary("The standard change templates.");
        group.MapGet("/{id}", GetAsync).WithSummary("One template.");
        group.MapPut("/{id}", SaveAsync).Validated<SaveChangeTemplateRequest>()
            .WithSummary("Change manager: create or replace a template (If-Match: its ETag when replacing).").ProducesProblem(403).ProducesProblem(412);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<ChangeTemplateResponse>>> ListAsync(Caller caller, ChangeTemplateStore templates, CancellationToken cancellationToken)
    {
        ChangeAccess.Allow(caller.IsStaff, "Change templates are visible to staff.", "CHG-02");
        IReadOnlyList<ChangeTemplateResponse> all = (await templates.AllAsync(cancellationToken)).Select(t => t.ToResponse()).ToList();
        return TypedResults.Ok(all);
    }

    private static async Task<Ok<ChangeTemplateResponse>> GetAsync(string id, Caller caller, ChangeTemplateStore templates, CancellationToken cancellationToken)
    {
        ChangeAccess.Allow(caller.IsStaff, "Change templates are visible to staff.", "CHG-02");
        var template = await templates.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Change template", id);
        return TypedResults.Ok(template.ToResponse());
    }

    private static async Task<Results<Ok<ChangeTemplateResponse>, Created<ChangeTemplateResponse>>> SaveAsync(string id, SaveChangeTemplateRequest request, Caller caller,
        ChangeTemplateStore templates, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        ChangeAccess.RequireChangeManager(caller, "CHG-02", "maintains standard change templates");
        if (request.CiIds is not { Count: > 0 } && request.CiTypes is not { Count: > 0 })
        {
            throw Problems.Unprocessable("A template's scope names CIs or CI types (CHG-02).", "CHG-02", "ciIds");
        }

        var now = time.GetUtcNow();
        var existing = await templates.GetAsync(id, cancellationToken);
        var template = new ChangeTemplate
        {
            Id = id,
            Name = request.Name!,
            Description = request.Description,
            CiIds = request.CiIds?.ToList() ?? [],
            CiTypes = request.CiTypes?.ToList() ?? [],
            Steps = request.Steps!.ToList(),
            BenefitCategory = request.BenefitCategory,
            ImplementationPlan = request.ImplementationPlan!,
            BackoutPlan = request.BackoutPlan!,
            TestPlan = request.TestPlan!,
            Active = request.Active,
            CreatedAt = existing?.CreatedAt ?? now,
            CreatedBy = existing?.CreatedBy ?? caller.Id,
            EventSeq = existing?.EventSeq ?? 0,
            Events = existing?.Events ?? [],
        };
        template.Raise(caller.Actor, now, existing is null ? "ChangeTemplateCreated" : "ChangeTemplateUpdated", EventVisibility.Internal,
            data: new JsonObject { ["name"] = template.Name, ["active"] = template.Active });
        try
        {
            if (existing is null)
            {
                return TypedResults.Created($"/api/change-templates/{id}", (await templates.CreateAsync(template, cancellationToken)).ToResponse());
            }

            return TypedResults.Ok((await templates.ReplaceAsync(template, ETags.IfMatch(context) ?? existing.ETag, cancellationToken)).ToResponse());
        }
        catch (StoreException ex) when (ex.Error is StoreError.PreconditionFailed or StoreError.Conflict)
        {
            throw Problems.StaleETag(id);
        }
    }
}
