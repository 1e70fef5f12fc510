using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ServiceCatalog;

/// <summary>The service catalogue, readable by every authenticated user (SLM-01).</summary>
public static class ServiceCatalogApi
{
    public static RouteGroupBuilder MapServiceCatalog(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/services").WithTags("Service catalogue");
        group.MapGet("/", ListAsync).WithSummary("List catalogue services, optionally filtered by text or status (SLM-01).");
        group.MapGet("/{id}", GetAsync).WithSummary("One catalogue service.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<ServiceResponse>>> ListAsync(Caller caller, ServiceStore services, string? text, ServiceStatus? status, CancellationToken cancellationToken)
    {
        var all = await services.AllAsync(cancellationToken);
        IReadOnlyList<ServiceResponse> result = all
            .Where(s => status is null || s.Status == status)
            .Where(s => text is null || s.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || s.Description.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.ToResponse(includeInternal: caller.IsStaff))
            .ToList();
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<ServiceResponse>> GetAsync(string id, Caller caller, ServiceStore services, HttpContext context, CancellationToken cancellationToken)
    {
        var service = await services.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Service", id);
        context.Response.Headers.ETag = service.ETag;
        return TypedResults.Ok(service.ToResponse(includeInternal: caller.IsStaff));
    }
}
