using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Knowledge.Search;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>
/// INC-09, knowledge at hand: when an incident is created, the published items that match it are looked up for the
/// staff audience, and when there is at least one the people who will work it (the assignee, else its group, else the
/// group routing suggests, else the service desk) are told, unless it was resolved in the meantime, with a <c>FixesSuggested</c> event. Each recipient then reads
/// the suggestions as themselves, so the card shows only what they may see. No match, no event.
/// </summary>
public sealed class SuggestedFixesOnIncident(IncidentStore incidents, IncidentService incidentService, KnowledgeAnswers answers) : IEventReaction
{
    public const string Kind = "FixesSuggested";

    private static readonly IReadOnlySet<KnowledgeAudience> Staff = new HashSet<KnowledgeAudience> { KnowledgeAudience.Customers, KnowledgeAudience.Agents };

    public bool Handles(DomainEvent domainEvent) => domainEvent is { RecordType: Incident.Type, Kind: "IncidentCreated" };

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (await incidents.GetAsync(domainEvent.RecordId, cancellationToken) is not { Open: true, State: not IncidentState.Resolved } incident || AlreadyTold(incident, domainEvent.Id))
        {
            return;
        }

        var suggestions = await answers.SuggestAsync(Staff, incident, cancellationToken);
        var workers = Workers(incident);
        if (suggestions.Count == 0 || workers.Count == 0)
        {
            return;
        }

        await incidentService.ChangeAsSystemAsync(incident.Id, (current, _, now) =>
        {
            if (!AlreadyTold(current, domainEvent.Id) && current.State != IncidentState.Resolved)
            {
                current.Raise(Actor.System, now, Kind, EventVisibility.Internal, notify: Workers(current), data: new JsonObject
                {
                    ["forEvent"] = domainEvent.Id,
                    ["count"] = suggestions.Count,
                    ["topScore"] = Math.Round(suggestions[0].Score, 3),
                });
            }
        }, cancellationToken);
    }

    /// <summary>The assignee, else the assigned group, else the service desk that owns it: those who may apply a fix to it.</summary>
    public static List<string> Workers(Incident incident) =>
        incident.AssigneeId is { } assignee ? [assignee]
        : (incident.GroupId ?? incident.OwnerGroupId) is { } group ? [Notify.Group(group)]
        : [];

    private static bool AlreadyTold(Incident incident, string eventId) =>
        incident.Events.Any(e => e.Kind == Kind && e.Data?["forEvent"]?.GetValue<string>() == eventId);
}
