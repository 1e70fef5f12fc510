using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>
/// PRB-08 for a known error: once it is published (KB-05), the people its problem affects hear of it: the reporters and
/// assignees of the open linked incidents, the service desk and the owners of the affected services. The
/// <c>KnownErrorAnnounced</c> event names them and carries the open incidents and the customer-visible text set by the
/// problem manager, so staff get the known-error card and reporters plain words about their own incident.
/// </summary>
public sealed class KnownErrorAnnouncement(ProblemService problems, KnownErrorService knownErrors) : IEventReaction
{
    public const string Kind = "KnownErrorAnnounced";

    public const string DefaultCustomerText = "The team has found the cause of the problem affecting you and a way to work around it.";

    public bool Handles(DomainEvent domainEvent) => domainEvent is { RecordType: KnownError.Type, Kind: "KnownErrorPublished" };

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (await knownErrors.Records.GetAsync(domainEvent.RecordId, cancellationToken) is not { ProblemId: { } problemId } error
            || Announced(error, domainEvent.Id)
            || await problems.Records.GetAsync(problemId, cancellationToken) is not { } problem)
        {
            return;
        }

        var audience = await problems.AudienceAsync(problem, cancellationToken);
        var open = (await problems.LinkedIncidentsAsync(problem, cancellationToken)).Where(i => i.Open).Select(i => i.Id).ToList();
        var text = problem.Workarounds.LastOrDefault()?.CustomerText ?? problem.CustomerText ?? DefaultCustomerText;
        await knownErrors.ChangeAsSystemAsync(error.Id, (current, _, now) =>
        {
            if (!Announced(current, domainEvent.Id))
            {
                current.Raise(Actor.System, now, Kind, EventVisibility.Internal, notify: [.. audience.Recipients], data: new JsonObject
                {
                    ["forEvent"] = domainEvent.Id,
                    ["problemId"] = problem.Id,
                    ["incidentIds"] = new JsonArray([.. open.Select(id => (JsonNode)JsonValue.Create(id))]),
                    ["customerText"] = text,
                });
            }
        }, cancellationToken);
    }

    private static bool Announced(KnownError error, string eventId) =>
        error.Events.Any(e => e.Kind == Kind && e.Data?["forEvent"]?.GetValue<string>() == eventId);
}
