using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Links;

/// <summary>Links seen from any record, in both directions (INC-18, CHG-15).</summary>
public static class LinksApi
{
    public static RouteHandlerBuilder MapLinks(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/links", ListAsync).WithTags("Links")
            .WithSummary("Staff: every link from or to a record (e.g. the incidents a change caused).");

    private static async Task<Ok<IReadOnlyList<LinkView>>> ListAsync(string recordId, Caller caller, LinkStore links, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Links across records are visible to staff.", "SEC-01");
        }

        IReadOnlyList<LinkView> result = (await links.OfAsync(recordId, cancellationToken))
            .Select(l => LinkView.From(l.FromId, l.Kind, l.ToId, recordId, l.CreatedAt))
            .ToList();
        return TypedResults.Ok(result);
    }
}
