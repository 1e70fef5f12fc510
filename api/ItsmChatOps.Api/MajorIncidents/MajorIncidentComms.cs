using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// Who an update reaches, list by list (MAJ-06); <see cref="Distinct"/> leaves each person in the first list that names them.
/// <see cref="EscalationContacts"/> are the SLA contacts among them (SLM-13), whichever list reaches them.
/// </summary>
public sealed record UpdateAudiences(string ServiceDeskGroupId, IReadOnlyList<string> AffectedPeople, IReadOnlyList<string> CustomerContacts,
    IReadOnlyList<string> EscalationContacts)
{
    public IReadOnlyList<(UpdateAudience Audience, IReadOnlyList<string> Notify)> Distinct(string majorIncidentId, string except)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { except };
        IReadOnlyList<string> Fresh(IEnumerable<string> people) => people.Where(seen.Add).ToList();
        return
        [
            (UpdateAudience.WarRoom, [Notify.WarRoom(majorIncidentId)]),
            (UpdateAudience.ServiceDesk, [Notify.Group(ServiceDeskGroupId)]),
            (UpdateAudience.AffectedPeople, Fresh(AffectedPeople)),
            (UpdateAudience.CustomerContacts, Fresh(CustomerContacts)),
        ];
    }
}

/// <summary>The war room (MAJ-05) and stakeholder updates (MAJ-06): what the bot opened, who is invited, what lands on the timeline, who is told.</summary>
public static class MajorIncidentComms
{
    /// <summary>The channel the bot created (or someone linked); everyone on the invitation list is told where it is.</summary>
    public static void RecordWarRoom(MajorIncident major, RecordWarRoomRequest request, IReadOnlyList<string> invitees, Caller caller, DateTimeOffset now)
    {
        MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
        RequireRunning(major);
        var previous = major.WarRoom;
        major.WarRoom = new WarRoom(request.Platform!.Value, request.Mode!.Value, request.ChannelId!, request.Link!, now, request.Notice, null);
        var invited = invitees.Append(major.ManagerId!).Where(p => !major.InvitedIds.Contains(p)).Distinct().ToList();
        major.InvitedIds.AddRange(invited);
        major.Raise(caller.Actor, now, "WarRoomLinked", EventVisibility.Internal,
            [RecordDocument.Change("warRoom", previous?.ChannelId, request.ChannelId)], invited, new JsonObject
            {
                ["incidentId"] = major.IncidentId,
                ["platform"] = request.Platform.ToString(),
                ["mode"] = request.Mode.ToString(),
                ["channelId"] = request.ChannelId,
                ["link"] = request.Link,
                ["notice"] = request.Notice,
            });
    }

    /// <summary>MAJ-04: the manager invites more people; each is recorded and told where the room is.</summary>
    public static IReadOnlyList<string> Invite(MajorIncident major, IReadOnlyList<string> personIds, Caller caller, DateTimeOffset now)
    {
        MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
        RequireRunning(major);
        if (major.WarRoom is not { } room)
        {
            throw Problems.Conflict($"{major.Id} has no war room yet.", "MAJ-05");
        }

        var invited = personIds.Where(p => !major.InvitedIds.Contains(p)).Distinct().ToList();
        major.InvitedIds.AddRange(invited);
        if (invited.Count > 0)
        {
            major.Raise(caller.Actor, now, "WarRoomInvited", EventVisibility.Internal, notify: invited,
                data: new JsonObject { ["incidentId"] = major.IncidentId, ["link"] = room.Link, ["platform"] = room.Platform.ToString() });
        }

        return invited;
    }

    public static void Archived(MajorIncident major, string channelId, string serviceId, DateTimeOffset now)
    {
        if (major.WarRoom is not { } room || room.ChannelId != channelId)
        {
            throw Problems.Conflict($"{channelId} is not the war room of {major.Id}.", "MAJ-05");
        }

        if (room.ArchivedAt is null)
        {
            major.WarRoom = room with { ArchivedAt = now };
            major.Raise(new Actor(Actor.SystemId, null, $"service:{serviceId}", Channel.System), now, "WarRoomArchived", EventVisibility.Internal,
                data: new JsonObject { ["incidentId"] = major.IncidentId, ["channelId"] = channelId });
        }
    }

    /// <summary>MAJ-05: a message copied into the timeline from chat, with its link; anyone in the war room may add one.</summary>
    public static void AddTimelineEntry(MajorIncident major, AddTimelineEntryRequest request, Caller caller, DateTimeOffset now)
    {
        if (!IsInTheRoom(major, caller))
        {
            throw Problems.Forbidden("Timeline entries come from the people working the major incident.", "MAJ-05", "SEC-01");
        }

        if (major.IsTerminal)
        {
            throw Problems.Conflict($"{major.Id} is {major.State}; its timeline is closed.", "MAJ-05");
        }

        major.Raise(caller.Actor, now, "TimelineEntryAdded", EventVisibility.Internal, data: new JsonObject
        {
            ["incidentId"] = major.IncidentId,
            ["text"] = request.Text,
            ["messageUrl"] = request.MessageUrl,
            ["source"] = request.Source.ToString(),
            ["messageAuthorId"] = request.MessageAuthorId,
        });
    }

    /// <summary>
    /// MAJ-06: an update goes out as one event per audience (war room, service desk channel, the people of the
    /// parent and child incidents, the affected customers' SLA contacts), each person in one list only; the next
    /// update falls due after the interval.
    /// </summary>
    public static StatusUpdate PostUpdate(MajorIncident major, PostStatusUpdateRequest request, UpdateAudiences audiences, Caller caller, MajorIncidentPolicy policy, DateTimeOffset now)
    {
        MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
        if (major.State is not (MajorIncidentState.Declared or MajorIncidentState.Restored))
        {
            throw Problems.Conflict($"{major.Id} is {major.State}: updates are posted while it is Declared or Restored.", "MAJ-06");
        }

        var next = now.AddMinutes(request.NextUpdateInMinutes ?? policy.UpdateIntervalMinutes);
        var update = new StatusUpdate(major.Updates.Count + 1, now, caller.Id, request.Status!, request.BusinessImpact!, request.Actions!, request.Workaround, next);
        major.Updates.Add(update);
        major.NextUpdateDue = major.State == MajorIncidentState.Declared ? next : null;
        major.RemindedFor = null;
        AskToAcknowledge(major, audiences.EscalationContacts.Where(c => c != caller.Id).ToList(), policy, now);
        foreach (var (audience, notify) in audiences.Distinct(major.Id, caller.Id))
        {
            major.Raise(caller.Actor, now, "MajorIncidentUpdatePosted", EventVisibility.Public, notify: notify, data: new JsonObject
            {
                ["incidentId"] = major.IncidentId,
                ["audience"] = audience.ToString(),
                ["number"] = update.Number,
                ["status"] = update.Status,
                ["businessImpact"] = update.BusinessImpact,
                ["actions"] = update.Actions,
                ["workaround"] = update.Workaround,
                ["nextUpdateDue"] = UtcTimestampConverter.Text(next),
            });
        }

        return update;
    }

    /// <summary>SLM-13, MAJ-07: the SLA's escalation contacts who receive an update are asked to acknowledge it, once, like the people told on declaration.</summary>
    private static void AskToAcknowledge(MajorIncident major, IReadOnlyList<string> contacts, MajorIncidentPolicy policy, DateTimeOffset now)
    {
        foreach (var contact in contacts.Where(c => major.Escalations.All(e => e.PersonId != c)))
        {
            major.Escalations.Add(new Escalation(contact, EscalationRole.SlaContact, now, null, policy.Deputies.GetValueOrDefault(contact), null));
        }
    }

    /// <summary>The manager, the incident manager, staff invited to the room and everyone asked to acknowledge.</summary>
    public static bool IsInTheRoom(MajorIncident major, Caller caller) =>
        major.ManagerId == caller.Id || IncidentAccess.IsIncidentManager(caller) || major.InvitedIds.Contains(caller.Id)
        || major.Escalations.Any(e => e.PersonId == caller.Id) || IncidentAccess.IsServiceDesk(caller);

    private static void RequireRunning(MajorIncident major)
    {
        if (!major.GrantsAuthority)
        {
            throw Problems.Conflict($"{major.Id} is {major.State}.", "MAJ-05");
        }
    }
}
