using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Incidents;

/// <summary>INC-18: links from an incident, two-way through the link store; at most one problem; allowed on closed incidents (INC-07).</summary>
public static class IncidentLinks
{
    private static readonly Dictionary<IncidentLinkKind, string> Prefixes = new()
    {
        [IncidentLinkKind.ConfigurationItem] = "CI-",
        [IncidentLinkKind.Problem] = "PRB-",
        [IncidentLinkKind.KnownError] = "KE-",
        [IncidentLinkKind.CausedByChange] = "CHG-",
        [IncidentLinkKind.FixedByChange] = "CHG-",
        [IncidentLinkKind.RelatedChange] = "CHG-",
        [IncidentLinkKind.ParentIncident] = "INC-",
        [IncidentLinkKind.RecurrenceOf] = "INC-",
        [IncidentLinkKind.DuplicateOf] = "INC-",
    };

    public static void Add(Incident incident, IncidentLinkKind kind, string targetId, Caller caller, DateTimeOffset now)
    {
        if (!IncidentAccess.CanWork(caller, incident))
        {
            throw Problems.Forbidden("Only people working the incident can link it.", "INC-18");
        }

        Add(incident, kind, targetId, caller.Actor, now);
    }

    /// <summary>A link made by another process on the actor's behalf (a problem raised from the incident, PRB-01), without the "working it" check.</summary>
    public static void Add(Incident incident, IncidentLinkKind kind, string targetId, Actor actor, DateTimeOffset now)
    {
        if (!targetId.StartsWith(Prefixes[kind], StringComparison.Ordinal) || targetId == incident.Id)
        {
            throw Problems.Unprocessable($"A {kind} link needs a {Prefixes[kind]}… id other than the incident itself.", "INC-18", "targetId");
        }

        if (incident.Links.Any(l => l.Kind == kind && l.TargetId == targetId))
        {
            return;
        }

        if (kind is IncidentLinkKind.Problem or IncidentLinkKind.ParentIncident && incident.Links.Any(l => l.Kind == kind))
        {
            throw Problems.Conflict($"{incident.Id} already has a {kind} link; an incident links to at most one.", "INC-18");
        }

        incident.Links.Add(new IncidentLink(kind, targetId));
        if (kind == IncidentLinkKind.ConfigurationItem && !incident.CiIds.Contains(targetId))
        {
            incident.CiIds.Add(targetId);
        }

        incident.Raise(actor, now, "IncidentLinked", EventVisibility.Internal,
            [RecordDocument.Change<string?>(char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..], null, targetId)]);
    }
}
