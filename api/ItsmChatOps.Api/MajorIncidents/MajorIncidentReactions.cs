using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// How major incidents follow incident events, after the incident's own write (which stays one atomic write):
/// the MAJ-01 rules on every create and update, the MAJ-08 "join" offer to people raising an incident on the same
/// service, and MAJ-09's Restored → ReviewPending when the parent incident closes. Idempotent: each step checks first.
/// </summary>
public sealed class MajorIncidentOnIncidentEvents(MajorIncidentService majors, IncidentStore incidents) : IEventReaction
{
    private static readonly HashSet<string> Updates =
        ["IncidentCreated", "IncidentUpdated", "IncidentReprioritized", "AffectedUserAdded", "SecurityFlagChanged", "IncidentClosed"];

    public bool Handles(DomainEvent domainEvent) => domainEvent.RecordType == Incident.Type && Updates.Contains(domainEvent.Kind);

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (await incidents.GetAsync(domainEvent.RecordId, cancellationToken) is not { } incident)
        {
            return;
        }

        if (domainEvent.Kind == "IncidentClosed")
        {
            if (await majors.Store.ForIncidentAsync(incident.Id, cancellationToken) is { State: MajorIncidentState.Restored } restored)
            {
                await majors.TransitionAsync(restored.Id, new TransitionMajorIncidentRequest
                {
                    To = MajorIncidentState.ReviewPending,
                    Reason = $"{incident.Id} is closed.",
                }, null, null, cancellationToken);
            }

            return;
        }

        var concerned = false;
        if (domainEvent.Kind == "IncidentCreated")
        {
            foreach (var open in (await majors.Store.OpenAsync(cancellationToken)).Where(m => MajorIncidentChildren.TakesChildren(m) && MajorIncidentChildren.Concerns(m, incident)))
            {
                concerned = true;
                await majors.ChangeAsSystemAsync(open.Id, (major, _, now) =>
                {
                    MajorIncidentChildren.OfferJoin(major, incident, now);
                    return Task.CompletedTask;
                }, cancellationToken);
            }
        }

        // Part of a running major incident already: offered to join it instead of being proposed on its own.
        if (!concerned && incident.Links.All(l => l.Kind != IncidentLinkKind.ParentIncident))
        {
            await majors.ProposeAsync(incident, cancellationToken);
        }
    }
}

/// <summary>SLM-13: on declaration the SLA's emergency contacts and escalation path for the priority become watchers of the parent incident, and are told.</summary>
public sealed class SlaContactsOnDeclaration(IncidentService incidents) : IEventReaction
{
    public bool Handles(DomainEvent domainEvent) => domainEvent is { RecordType: MajorIncident.Type, Kind: "MajorIncidentDeclared" };

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.Data?["incidentId"]?.GetValue<string>() is not { } incidentId)
        {
            return;
        }

        await incidents.ChangeAsSystemAsync(incidentId, (incident, settings, now) =>
        {
            if (settings.Sla is { } sla && IncidentRules.AddSlaContacts(incident, sla) is { Count: > 0 } added)
            {
                incident.Raise(Actor.System, now, "MajorIncidentContactsAdded", EventVisibility.Internal,
                    [Records.RecordDocument.Change<IReadOnlyList<string>?>("watchers", null, added)], added,
                    new JsonObject { ["majorIncidentId"] = domainEvent.RecordId, ["slaId"] = sla.Id });
            }
        }, cancellationToken);
    }
}
