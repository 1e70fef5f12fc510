using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// MAJ-08 across records: joining or linking writes the child's parent link, the joiner as a watcher of the parent
/// incident, then the major incident's child list. Each step is idempotent, so a retried request completes the rest.
/// </summary>
public sealed class ChildIncidentService(MajorIncidentService majors, IncidentService incidents)
{
    /// <summary>The reporter joins their incident (<paramref name="joining"/>), or someone working an incident links it.</summary>
    public async Task<MajorIncident> AttachAsync(string id, string incidentId, Caller caller, bool joining, CancellationToken cancellationToken)
    {
        var (child, _) = await incidents.ReadAsync(incidentId, caller, cancellationToken);
        var major = joining && child.ReporterId == caller.Id ? await JoinableAsync(id, caller, cancellationToken) : await majors.ReadAsync(id, caller, cancellationToken);
        MajorIncidentChildren.RequireMayLink(major, child, caller, joining);
        await incidents.ChangeAsSystemAsync(child.Id, (c, _, now) => MajorIncidentChildren.LinkToParent(c, major.IncidentId, caller.Actor, now), cancellationToken);
        await incidents.AddLinkAsync(child, IncidentLinkKind.ParentIncident, major.IncidentId, caller.Actor, cancellationToken);
        if (joining)
        {
            await incidents.ChangeAsSystemAsync(major.IncidentId, (parent, _, now) => IncidentEdits.AddWatcher(parent, caller.Id, caller, now), cancellationToken);
        }

        return await majors.ChangeAsSystemAsync(id, (m, _, now) =>
        {
            MajorIncidentChildren.AddChild(m, child.Id, joining, caller.Actor, now);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>A reporter offered "join" sees the major incident they join, unless it is restricted to staff (SEC-03).</summary>
    private async Task<MajorIncident> JoinableAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        await majors.Store.Records.GetAsync(id, cancellationToken) is { } major && (caller.IsStaff || !major.Restricted || MajorIncidentComms.IsInTheRoom(major, caller))
            ? major
            : throw Problems.NotFound("Major incident", id);

    /// <summary>
    /// The manager cascades the parent's resolution to every open child (§16.1 SYS move); each child then sends its
    /// reporter its own confirmation request (INC-05). Children that cannot take it are listed with the reason.
    /// </summary>
    public async Task<CascadeResult> CascadeAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var major = await majors.ReadAsync(id, caller, cancellationToken);
        MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
        var parent = await majors.Contexts.ParentAsync(major, cancellationToken);
        if (parent.State is not (IncidentState.Resolved or IncidentState.Closed) || parent.Resolution is null)
        {
            throw Problems.Conflict($"Resolve {parent.Id} first: its children take its resolution.", "MAJ-08");
        }

        var resolved = new List<string>();
        var skipped = new List<CascadeSkip>();
        foreach (var childId in major.ChildIncidentIds)
        {
            try
            {
                string? skip = null;
                await incidents.ChangeAsSystemAsync(childId, (child, settings, now) => skip = MajorIncidentChildren.Cascade(child, parent, settings, major.Id, now), cancellationToken);
                if (skip is null)
                {
                    resolved.Add(childId);
                }
                else
                {
                    skipped.Add(new CascadeSkip(childId, skip));
                }
            }
            catch (ProblemException refused)
            {
                skipped.Add(new CascadeSkip(childId, refused.Detail)); // a rule of the child's own (e.g. SLM-10) keeps it open
            }
        }

        await majors.ChangeAsSystemAsync(id, (m, _, now) =>
        {
            m.Raise(caller.Actor, now, "ChildIncidentsResolved", EventVisibility.Internal, notify: [Notify.WarRoom(m.Id)], data: new JsonObject
            {
                ["incidentId"] = m.IncidentId,
                ["resolved"] = new JsonArray([.. resolved.Select(r => (JsonNode?)JsonValue.Create(r))]),
                ["skipped"] = new JsonArray([.. skipped.Select(s => (JsonNode?)JsonValue.Create(s.IncidentId))]),
            });
            return Task.CompletedTask;
        }, cancellationToken);
        return new CascadeResult(resolved, skipped);
    }
}
