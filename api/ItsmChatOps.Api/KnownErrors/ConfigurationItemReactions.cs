using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.KnownErrors;

/// <summary>
/// PRB-05 (b): a suspected CI that configuration management withdraws or disposes of is noted on the
/// known errors naming it, so they can close as not applicable. CI events are read by their <c>state</c>
/// field change (§16.6 states).
/// </summary>
public sealed class ConfigurationItemReactions(KnownErrorService knownErrors) : IEventReaction
{
    public bool Handles(DomainEvent domainEvent) => domainEvent.RecordType == "configuration-item";

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (EventReactions.NewValue(domainEvent, "state") is not ("Withdrawn" or "Disposed"))
        {
            return;
        }

        var naming = new List<string>();
        await foreach (var error in knownErrors.Records.QueryAllAsync(new DocumentQuery
        {
            Where = [new ArrayContains("suspectedCiIds", JsonValue.Create(domainEvent.RecordId))],
            OrderBy = [new SortKey("updatedAt", Descending: true)],
        }, cancellationToken))
        {
            naming.Add(error.Id);
        }

        foreach (var id in naming)
        {
            await knownErrors.ChangeAsSystemAsync(id, (error, _, now) =>
            {
                if (!error.RetiredCiIds.Contains(domainEvent.RecordId))
                {
                    error.RetiredCiIds.Add(domainEvent.RecordId);
                    error.Raise(Actor.System, now, "KnownErrorCiRetired", EventVisibility.Internal, [RecordDocument.Change<string?>("retiredCiId", null, domainEvent.RecordId)]);
                }
            }, cancellationToken);
        }
    }
}
