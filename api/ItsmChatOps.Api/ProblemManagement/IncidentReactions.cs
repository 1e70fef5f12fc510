using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Knowledge;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>
/// What incident events do to problems, known errors and knowledge: links reach the problem (INC-18)
/// and the known error's usage count (PRB-17, PRB-06); workarounds reach the linked problem and the KB
/// (INC-13, KB-03); reopenings count against the fixes applied (KB-03); new and reclassified incidents
/// are checked for recurrence (PRB-02).
/// </summary>
public sealed class IncidentReactions(
    IncidentStore incidents,
    ProblemService problems,
    ProblemCandidates candidates,
    KnownErrorService knownErrors,
    KnowledgeService knowledge,
    LinkStore links,
    TimeProvider time) : IEventReaction
{
    public bool Handles(DomainEvent domainEvent) => domainEvent.RecordType == Incident.Type;

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        switch (domainEvent.Kind)
        {
            case "IncidentLinked" when EventReactions.NewValue(domainEvent, "problem") is { } problemId && await problems.Records.GetAsync(problemId, cancellationToken) is not null:
                await problems.ChangeAsSystemAsync(problemId, (p, _, now) => ProblemRules.LinkIncident(p, domainEvent.RecordId, Actor.System, now), cancellationToken);
                break;
            case "IncidentLinked" when EventReactions.NewValue(domainEvent, "knownError") is { } errorId && await knownErrors.Records.GetAsync(errorId, cancellationToken) is not null:
                await knownErrors.ChangeAsSystemAsync(errorId, (e, policy, now) => KnownErrorRules.IncidentLinked(e, domainEvent.RecordId, policy, now), cancellationToken);
                break;
            case "IncidentLinked" when EventReactions.NewValue(domainEvent, "configurationItem") is not null:
                await CheckRecurrenceAsync(domainEvent.RecordId, cancellationToken);
                break;
            case "WorkaroundRecorded" when ProblemOf(domainEvent) is { } problemId && EventReactions.NewValue(domainEvent, "workaround") is { } text:
                await problems.AddWorkaroundAsync(problemId, text, null, domainEvent.RecordId, Actor.System, cancellationToken);
                break;
            case "IncidentReopened":
                foreach (var link in (await links.OfAsync(domainEvent.RecordId, cancellationToken)).Where(l => l.Kind == KnowledgeApi.AppliedLink && l.FromId == domainEvent.RecordId))
                {
                    await knowledge.ChangeAsSystemAsync(link.ToId, (item, _, now) => KnowledgeEffects.Reopened(item, domainEvent.RecordId, now), cancellationToken);
                }

                break;
            case "IncidentCreated":
            case "IncidentUpdated" when domainEvent.Changes.Any(c => c.Field is "category" or "serviceId"):
                await CheckRecurrenceAsync(domainEvent.RecordId, cancellationToken);
                break;
        }
    }

    private static string? ProblemOf(DomainEvent domainEvent) =>
        domainEvent.Data?["problemId"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue(out string? id) ? id : null;

    private async Task CheckRecurrenceAsync(string incidentId, CancellationToken cancellationToken)
    {
        if (await incidents.GetAsync(incidentId, cancellationToken) is { } incident)
        {
            await candidates.CheckAsync(incident, await problems.PolicyAsync(cancellationToken), time.GetUtcNow(), cancellationToken);
        }
    }
}
