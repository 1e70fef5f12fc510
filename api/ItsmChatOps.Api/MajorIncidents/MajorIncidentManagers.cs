using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// One responsible manager at all times (MAJ-03): never emptied while the major incident runs, handed over in
/// two steps (offer, accept) with the current manager responsible until the new one accepts, every term kept.
/// </summary>
public static class MajorIncidentManagers
{
    /// <summary>PATCH: the headline and affected customers; the manager field cannot be emptied or changed in place.</summary>
    public static void Update(MajorIncident major, UpdateMajorIncidentRequest request, Caller caller, DateTimeOffset now)
    {
        MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
        if (request.ManagerIdSent && string.IsNullOrWhiteSpace(request.ManagerId))
        {
            throw Problems.Unprocessable("A major incident always has a manager: hand the role over instead of removing it.", "MAJ-03", "managerId");
        }

        if (request.ManagerIdSent && request.ManagerId != major.ManagerId)
        {
            throw Problems.Conflict("The manager changes by handover: offer the role, and it moves when the new manager accepts.", "MAJ-03");
        }

        RequireRunning(major);
        var changes = new List<FieldChange>();
        if (request.Summary is { } summary && summary.Trim() != major.Summary)
        {
            changes.Add(RecordDocument.Change("summary", major.Summary, summary.Trim()));
            major.Summary = summary.Trim();
        }

        if (request.AffectedCustomerIds is { } customers && !customers.SequenceEqual(major.AffectedCustomerIds))
        {
            changes.Add(RecordDocument.Change("affectedCustomerIds", major.AffectedCustomerIds, customers.Distinct().ToList()));
            major.AffectedCustomerIds = customers.Distinct().ToList();
        }

        if (changes.Count > 0)
        {
            major.Raise(caller.Actor, now, "MajorIncidentUpdated", EventVisibility.Internal, changes, [Notify.WarRoom(major.Id)]);
        }
    }

    /// <summary>Only the manager or the incident manager offers the role; the offered person is asked on a card.</summary>
    public static void Offer(MajorIncident major, OfferHandoverRequest request, bool personKnown, Caller caller, DateTimeOffset now)
    {
        RequireRunning(major);
        if (major.ManagerId != caller.Id && !IncidentAccess.IsIncidentManager(caller))
        {
            throw Problems.Forbidden("Only the major incident manager or the incident manager can hand the role over.", "MAJ-03", "SEC-01");
        }

        if (!personKnown || request.ToId == major.ManagerId)
        {
            throw Problems.Unprocessable("Offer the role to another person known to ITSM.", "MAJ-03", "toId");
        }

        major.PendingHandover = new Handover(major.ManagerId!, request.ToId!, now, request.Note);
        major.Raise(caller.Actor, now, "ManagerHandoverOffered", EventVisibility.Internal, notify: [request.ToId!],
            data: new JsonObject { ["incidentId"] = major.IncidentId, ["fromId"] = major.ManagerId, ["toId"] = request.ToId, ["note"] = request.Note });
    }

    /// <summary>The offered person accepts: the role moves now, the previous term ends and the new one starts.</summary>
    public static void Accept(MajorIncident major, Caller caller, DateTimeOffset now)
    {
        var offer = RequireOffer(major, caller);
        var previous = major.ManagerId!;
        var current = major.ManagerHistory.FindLastIndex(t => t.To is null);
        if (current >= 0)
        {
            major.ManagerHistory[current] = major.ManagerHistory[current] with { To = now };
        }

        major.ManagerHistory.Add(new ManagerTerm(caller.Id, now, null));
        major.ManagerId = caller.Id;
        major.PendingHandover = null;
        major.Raise(caller.Actor, now, "ManagerHandoverAccepted", EventVisibility.Internal,
            [RecordDocument.Change<string?>("managerId", previous, caller.Id)], [previous, offer.FromId, Notify.WarRoom(major.Id)],
            new JsonObject { ["incidentId"] = major.IncidentId, ["fromId"] = previous, ["toId"] = caller.Id });
    }

    public static void Decline(MajorIncident major, string? reason, Caller caller, DateTimeOffset now)
    {
        var offer = RequireOffer(major, caller);
        major.PendingHandover = null;
        major.Raise(caller.Actor, now, "ManagerHandoverDeclined", EventVisibility.Internal, notify: [offer.FromId, major.ManagerId!],
            data: new JsonObject { ["incidentId"] = major.IncidentId, ["toId"] = caller.Id, ["reason"] = reason });
    }

    private static Handover RequireOffer(MajorIncident major, Caller caller)
    {
        RequireRunning(major);
        if (major.PendingHandover is not { } offer)
        {
            throw Problems.Conflict($"No handover of {major.Id} is waiting for an answer.", "MAJ-03");
        }

        if (offer.ToId != caller.Id)
        {
            throw Problems.Forbidden("Only the person the role was offered to can answer.", "MAJ-03", "SEC-01");
        }

        return offer;
    }

    /// <summary>The manager role is handed over only while the major incident runs (Declared, Restored or waiting for its review).</summary>
    private static void RequireRunning(MajorIncident major)
    {
        if (!major.GrantsAuthority)
        {
            throw Problems.Conflict($"{major.Id} is {major.State}: its manager can no longer change.", "MAJ-03");
        }
    }
}
