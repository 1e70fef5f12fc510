using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// Child incidents (MAJ-08): people raising an incident on the same service or CIs are offered to join; joining
/// or an agent's link makes it a child; resolving the parent can cascade to the children, each of which then asks
/// its own reporter to confirm (INC-05).
/// </summary>
public static class MajorIncidentChildren
{
    /// <summary>Open for children and offers: declared and running, not yet waiting for its review.</summary>
    public static bool TakesChildren(MajorIncident major) => major.State is MajorIncidentState.Declared or MajorIncidentState.Restored;

    /// <summary>Whether a new incident is on the major incident's service or one of its CIs.</summary>
    public static bool Concerns(MajorIncident major, Incident incident) =>
        incident.Id != major.IncidentId && !major.ChildIncidentIds.Contains(incident.Id)
        && (incident.ServiceId == major.ServiceId || incident.CiIds.Intersect(major.CiIds).Any());

    /// <summary>The reporter is told about the major incident and offered "join", once per incident.</summary>
    public static bool OfferJoin(MajorIncident major, Incident incident, DateTimeOffset now)
    {
        if (!TakesChildren(major) || !Concerns(major, incident) || major.OfferedIncidentIds.Contains(incident.Id))
        {
            return false;
        }

        major.OfferedIncidentIds.Add(incident.Id);
        major.Raise(Actor.System, now, "MajorIncidentJoinOffered", EventVisibility.Public, notify: [incident.ReporterId], data: new JsonObject
        {
            ["incidentId"] = major.IncidentId,
            ["childIncidentId"] = incident.Id,
            ["summary"] = major.Summary,
            ["warRoomLink"] = major.WarRoom?.Link,
        });
        return true;
    }

    /// <summary>Who may attach an incident: the manager, the incident manager, the service desk and those working it; its reporter may join it.</summary>
    public static void RequireMayLink(MajorIncident major, Incident child, Caller caller, bool joining)
    {
        var allowed = joining
            ? child.ReporterId == caller.Id || IncidentAccess.CanWork(caller, child)
            : major.ManagerId == caller.Id || IncidentAccess.CanWork(caller, child);
        if (!allowed)
        {
            throw Problems.Forbidden(joining ? "Only the reporter of the incident can join it to the major incident." : "Only people working the incident can link it.", "MAJ-08", "SEC-01");
        }

        if (!TakesChildren(major))
        {
            throw Problems.Conflict($"{major.Id} is {major.State}: incidents join a declared major incident.", "MAJ-08");
        }

        if (child.Id == major.IncidentId)
        {
            throw Problems.Unprocessable($"{child.Id} is the major incident's own incident.", "MAJ-08", "incidentId");
        }
    }

    public static void AddChild(MajorIncident major, string childId, bool joined, Actor actor, DateTimeOffset now)
    {
        if (major.ChildIncidentIds.Contains(childId))
        {
            return;
        }

        major.ChildIncidentIds.Add(childId);
        major.Raise(actor, now, "ChildIncidentLinked", EventVisibility.Internal,
            [RecordDocument.Change<string?>("childIncidentId", null, childId)], [Notify.WarRoom(major.Id)],
            new JsonObject { ["incidentId"] = major.IncidentId, ["childIncidentId"] = childId, ["joined"] = joined });
    }

    /// <summary>The child carries the link to its parent incident, on its own timeline (INC-18).</summary>
    public static void LinkToParent(Incident child, string parentIncidentId, Actor actor, DateTimeOffset now)
    {
        if (child.Links.Any(l => l.Kind == IncidentLinkKind.ParentIncident && l.TargetId == parentIncidentId))
        {
            return;
        }

        if (child.Links.Any(l => l.Kind == IncidentLinkKind.ParentIncident))
        {
            throw Problems.Conflict($"{child.Id} already belongs to another parent incident.", "INC-18", "MAJ-08");
        }

        child.Links.Add(new IncidentLink(IncidentLinkKind.ParentIncident, parentIncidentId));
        child.Raise(actor, now, "IncidentLinked", EventVisibility.Internal, [RecordDocument.Change<string?>("parentIncident", null, parentIncidentId)]);
    }

    /// <summary>
    /// The cascade of §16.1 (SYS, MAJ-08): the child takes the parent's resolution (and its category when it has none) and goes
    /// through its own resolution, which sends its reporter the confirmation request (INC-05). Resolved or closed children are left alone.
    /// </summary>
    public static string? Cascade(Incident child, Incident parent, IncidentSettings settings, string majorIncidentId, DateTimeOffset now)
    {
        if (child.State is IncidentState.Resolved or IncidentState.Closed or IncidentState.Cancelled)
        {
            return $"{child.Id} is already {child.State}.";
        }

        var resolution = parent.Resolution!;
        child.Category ??= parent.Category;
        var request = new TransitionIncidentRequest
        {
            To = IncidentState.Resolved,
            Reason = $"Resolved with its major incident {majorIncidentId}.",
            Resolution = new ResolutionDetails { Code = resolution.Code, Notes = resolution.Notes, CauseCategory = resolution.CauseCategory, Explanation = resolution.Explanation },
        };
        IncidentLifecycle.Resolve(child, request, SystemCaller, settings, now);
        return null;
    }

    /// <summary>The system acting in a rule's name (§16.1 SYS); it holds no roles.</summary>
    private static Caller SystemCaller { get; } = new()
    {
        Person = new Person { Id = Actor.SystemId, DisplayName = "ITSM", Email = "system@itsm.invalid" },
        Roles = new HashSet<Client.ItsmRole>(),
        Actor = Actor.System,
    };
}
