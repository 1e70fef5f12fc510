using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards.ViewModels;
using ViewState = ItsmChatOps.Bot.Cards.ViewModels.IncidentState;
using ViewPriority = ItsmChatOps.Bot.Cards.ViewModels.Priority;

namespace ItsmChatOps.Bot.Flows;

/// <summary>Incidents as cards show them: names instead of ids, the SLA flag, and whether it is a restricted security incident.</summary>
public sealed class IncidentViews(Catalog catalog)
{
    public async Task<IncidentView> OfAsync(ItsmApiSession session, IncidentResponse incident, CancellationToken cancellationToken) => new(
        incident.Id,
        incident.Id,
        incident.Summary,
        await catalog.ServiceNameAsync(session, incident.ServiceId, cancellationToken),
        Enum.Parse<ViewState>(incident.State.ToString()),
        Enum.Parse<ViewPriority>(incident.Priority.ToString()),
        incident.ResolutionDue,
        Sla(incident.Sla),
        Team(await catalog.GroupNameAsync(session, incident.GroupId, cancellationToken)),
        IsSecurity(incident.Security, incident.Category),
        incident.ETag);

    public async Task<IncidentView> OfAsync(ItsmApiSession session, IncidentSummary incident, CancellationToken cancellationToken) => new(
        incident.Id,
        incident.Id,
        incident.Summary,
        await catalog.ServiceNameAsync(session, incident.ServiceId, cancellationToken),
        Enum.Parse<ViewState>(incident.State.ToString()),
        Enum.Parse<ViewPriority>(incident.Priority.ToString()),
        incident.ResolutionDue,
        Sla(incident.Sla),
        Team(await catalog.GroupNameAsync(session, incident.GroupId, cancellationToken)),
        incident.Restricted || IsSecurity(incident.Security, incident.Category),
        Etag: string.Empty);

    /// <summary>The records the API suggests for linking (INC-04); cards leave the section out when there are none.</summary>
    public static PossiblyRelated Related(IncidentResponse incident) =>
        new(
            incident.PossiblyRelated.Where(r => r.Kind == RelatedRecordKind.Problem).Select(r => new RelatedRecordItem(r.Id, r.Title, null)).ToList(),
            incident.PossiblyRelated.Where(r => r.Kind == RelatedRecordKind.Change).Select(r => new RelatedRecordItem(r.Id, r.Title, r.ImplementedAt)).ToList());

    /// <summary>A group as people call it: "Messaging" reads "the Messaging team is working on it".</summary>
    private static string? Team(string? groupName) =>
        groupName is null || groupName.EndsWith("team", StringComparison.OrdinalIgnoreCase) ? groupName : groupName + " team";

    private static SlaStatus Sla(SlaFlags flags) =>
        flags.ResolutionBreached ? SlaStatus.Breached : flags.AtRisk ? SlaStatus.AtRisk : SlaStatus.OnTrack;

    // The flag, or the Security category, makes an incident restricted (SEC-03): cards then show only its number in shared places.
    private static bool IsSecurity(bool flagged, string? category) =>
        flagged || (category is not null && (category == "Security" || category.StartsWith("Security >", StringComparison.Ordinal)));
}
