using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// MAJ-04: whether the caller holds the temporary authority of a major incident manager over an incident: they
/// manage the running major incident of the incident itself or of its parent. Asked per request, so the authority
/// ends the moment the role is handed over or the major incident is downgraded or closed.
/// </summary>
public sealed class MajorIncidentAuthority(MajorIncidentStore store)
{
    public async Task<bool> IsManagerAsync(Caller caller, Incident incident, CancellationToken cancellationToken)
    {
        var parentId = incident.Links.FirstOrDefault(l => l.Kind == IncidentLinkKind.ParentIncident)?.TargetId ?? incident.Id;
        var major = await store.ForIncidentAsync(parentId, cancellationToken);
        return major is { GrantsAuthority: true } && major.ManagerId == caller.Id
            && (parentId == incident.Id || major.ChildIncidentIds.Contains(incident.Id));
    }
}
