using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.ServiceLevels;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// Gathers what the major incident rules need from other records: people and groups to escalate to and invite
/// (MAJ-05, MAJ-07), who an update reaches (MAJ-06), what a review is built from (MAJ-09). The rules stay plain code.
/// </summary>
public sealed class MajorIncidentContexts(
    IncidentStore incidents,
    IncidentSettingsProvider settings,
    ServiceStore services,
    PeopleStore people,
    SlaStore slas,
    EventLog log,
    TimeProvider time)
{
    public async Task<DeclarationContext> DeclarationAsync(MajorIncident major, string? managerId, MajorIncidentPolicy policy, CancellationToken cancellationToken)
    {
        var parent = await ParentAsync(major, cancellationToken);
        var service = await ServiceAsync(major.ServiceId, cancellationToken);
        var manager = string.IsNullOrWhiteSpace(managerId) ? null : await people.GetAsync(managerId, cancellationToken);
        var groups = await GroupsAsync(major, parent, cancellationToken);
        var managers = policy.OnCallManagerIds.Count > 0 ? policy.OnCallManagerIds
            : (await people.WithRoleAsync(ItsmRole.IncidentManager, cancellationToken)).Select(p => p.Id).ToList();
        var targets = new List<(string Person, EscalationRole Role)> { (service.OwnerId, EscalationRole.ServiceOwner) };
        targets.AddRange(managers.Select(m => (m, EscalationRole.IncidentManager)));
        targets.AddRange(policy.SeniorResponsibleOwnerIds.Select(s => (s, EscalationRole.SeniorResponsibleOwner)));
        targets.AddRange(groups.Where(g => g.Kind == GroupKind.Supplier)
            .SelectMany(g => policy.SupplierContacts.GetValueOrDefault(g.Id) ?? (g.LeadId is { } lead ? [lead] : []))
            .Select(c => (c, EscalationRole.SupplierContact)));
        var escalations = new List<EscalationTarget>();
        foreach (var (person, role) in targets.Where(t => t.Person != managerId).DistinctBy(t => t.Person))
        {
            var deputy = policy.Deputies.GetValueOrDefault(person) ?? (await people.GetAsync(person, cancellationToken))?.ManagerId;
            escalations.Add(new EscalationTarget(person, role, deputy));
        }

        var emergency = (await settings.ForAsync(parent, cancellationToken)).Sla?.EmergencyContactIds ?? [];
        var onCall = groups.Where(g => g.Kind != GroupKind.ServiceDesk)
            .SelectMany(g => policy.OnCall.GetValueOrDefault(g.Id) ?? (g.LeadId is { } lead ? [lead] : []));
        IReadOnlyList<string> invitees = [.. new[] { managerId ?? "", service.OwnerId }.Concat(onCall).Concat(emergency).Where(p => p.Length > 0).Distinct()];
        return new DeclarationContext(managerId ?? "", manager is not null, service, escalations, invitees, service.CustomerIds, policy);
    }

    /// <summary>MAJ-06: the people of the parent and child incidents, and the SLA contacts of each affected customer's agreement.</summary>
    public async Task<UpdateAudiences> AudiencesAsync(MajorIncident major, CancellationToken cancellationToken)
    {
        var parent = await ParentAsync(major, cancellationToken);
        var affected = new List<string>(Notify.Stakeholders(parent));
        foreach (var childId in major.ChildIncidentIds)
        {
            if (await incidents.GetAsync(childId, cancellationToken) is { } child)
            {
                affected.AddRange(Notify.Stakeholders(child));
            }
        }

        var contacts = new List<string>();
        foreach (var customerId in major.AffectedCustomerIds)
        {
            if (await slas.ActiveForAsync(major.ServiceId, customerId, cancellationToken) is { } sla && sla.CustomerId == customerId)
            {
                contacts.AddRange(sla.ContactsFor(major.Priority));
            }
        }

        // SLM-13: the parent's own SLA contacts follow it as watchers; they are escalation contacts all the same.
        var escalation = (await settings.ForAsync(parent, cancellationToken)).Sla?.ContactsFor(major.Priority) ?? [];
        return new UpdateAudiences(parent.OwnerGroupId ?? "grp-servicedesk", affected, contacts, [.. contacts.Concat(escalation).Distinct()]);
    }

    /// <summary>MAJ-09: due in service days on the parent's calendar; impact from the report to restoration; breaches and the timeline of every event.</summary>
    public async Task<ReviewInputs> ReviewAsync(MajorIncident major, MajorIncidentPolicy policy, CancellationToken cancellationToken)
    {
        var parent = await ParentAsync(major, cancellationToken);
        var days = (await settings.ForAsync(parent, cancellationToken)).ServiceDays;
        var now = time.GetUtcNow();
        var due = days.Add(now, days.Span(new TargetSpan(policy.ReviewDueServiceDays, SpanUnit.Days)));
        var customers = new List<string>();
        foreach (var id in major.AffectedCustomerIds)
        {
            customers.Add((await people.GetCustomerAsync(id, cancellationToken))?.Name ?? id);
        }

        var breaches = new List<string>();
        var events = new List<Events.DomainEvent>(await log.TimelineAsync(major, cancellationToken));
        foreach (var id in major.IncidentIds)
        {
            if (await incidents.GetAsync(id, cancellationToken) is not { } incident)
            {
                continue;
            }

            breaches.AddRange(new[] { (incident.ResponseBreached, "response"), (incident.ResolutionBreached, "resolution") }
                .Where(b => b.Item1).Select(b => $"{incident.Id}: {b.Item2} target breached ({incident.Priority})"));
            if (id == major.IncidentId)
            {
                events.AddRange(await log.TimelineAsync(incident, cancellationToken));
            }
        }

        var timeline = events.OrderBy(e => e.At).ThenBy(e => e.Seq)
            .Select(e => new ReviewTimelineEntry(e.At, e.RecordId, e.Kind, e.ActorId, Text(e)))
            .TakeLast(200)
            .ToList();
        return new ReviewInputs(due, parent.CreatedAt, customers, breaches, timeline);
    }

    public async Task<Service> ServiceAsync(string id, CancellationToken cancellationToken) =>
        await services.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Service {id} is missing from the catalogue.");

    public async Task<Incident> ParentAsync(MajorIncident major, CancellationToken cancellationToken) =>
        await incidents.GetAsync(major.IncidentId, cancellationToken) ?? throw new InvalidOperationException($"Incident {major.IncidentId} of {major.Id} is missing.");

    /// <summary>The assigned groups of the parent and child incidents.</summary>
    private async Task<List<Group>> GroupsAsync(MajorIncident major, Incident parent, CancellationToken cancellationToken)
    {
        var ids = new List<string?> { parent.GroupId };
        foreach (var childId in major.ChildIncidentIds)
        {
            ids.Add((await incidents.GetAsync(childId, cancellationToken))?.GroupId);
        }

        var groups = new List<Group>();
        foreach (var id in ids.OfType<string>().Distinct())
        {
            if (await people.GetGroupAsync(id, cancellationToken) is { } group)
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    private static string? Text(Events.DomainEvent e) =>
        e.Data is { } data ? (data["text"] ?? data["status"] ?? data["reason"] ?? data["notes"])?.ToString() : null;
}
