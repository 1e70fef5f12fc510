using System.Globalization;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Events;

/// <summary>
/// The event feed and audit trail (MGT-05): read in order with a resumable cursor; no API edits or
/// deletes an event (405).
/// </summary>
public static class EventsApi
{
    private const int MaxPage = 500;

    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events").WithTags("Events");
        group.MapGet("/", FeedAsync).WithSummary("Events after a cursor, oldest first; pass the returned cursor as 'after' to resume.");
        group.MapGet("/{id}", GetAsync).WithSummary("One event.");
        group.MapMethods("/{id}", ["PUT", "PATCH", "DELETE"], Immutable).WithSummary("Events are append-only: edits and deletes are refused (405).")
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed);
        return group;
    }

    private static async Task<Ok<EventFeedPage>> FeedAsync(ServiceCaller caller, EventLog log, string? after, int? limit, CancellationToken cancellationToken)
    {
        long position = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out position)))
        {
            throw Problems.BadRequest("'after' must be a cursor returned by this feed.", "after");
        }

        var size = limit ?? 100;
        if (size is < 1 or > MaxPage)
        {
            throw Problems.BadRequest($"limit must be between 1 and {MaxPage}.", "limit");
        }

        var events = await log.ReadAfterAsync(position, size, cancellationToken);
        var cursor = events.Count > 0 ? events[^1].Position!.Value : position;
        return TypedResults.Ok(new EventFeedPage(events.Select(e => e.ToResponse()).ToList(), cursor.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<Ok<EventResponse>> GetAsync(string id, ServiceCaller caller, EventLog log, CancellationToken cancellationToken)
    {
        var domainEvent = await log.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Event", id);
        return TypedResults.Ok(domainEvent.ToResponse());
    }

    private static ProblemHttpResult Immutable(string id, HttpContext context)
    {
        context.Response.Headers.Allow = "GET";
        return TypedResults.Problem(ProblemHandling.ToDetails(new ProblemException(StatusCodes.Status405MethodNotAllowed, "method-not-allowed",
            "Events are append-only", $"Event '{id}' cannot be changed or deleted.", ["MGT-05"])));
    }
}
