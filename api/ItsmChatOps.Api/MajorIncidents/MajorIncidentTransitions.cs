using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>What a move needs besides the record: the declaration's context, or what the review is built from.</summary>
public sealed record MajorTransitionInputs(MajorIncidentPolicy Policy, DeclarationContext? Declaration = null, ReviewInputs? Review = null);

/// <summary>
/// The major incident state machine of requirements §16.2, exactly: the allowed moves, who may make each one,
/// the guards and the effects. Any other move is 409.
/// </summary>
public static class MajorIncidentTransitions
{
    private static readonly Dictionary<MajorIncidentState, MajorIncidentState[]> Allowed = new()
    {
        [MajorIncidentState.Proposed] = [MajorIncidentState.Declared, MajorIncidentState.Rejected],
        [MajorIncidentState.Declared] = [MajorIncidentState.Downgraded, MajorIncidentState.Restored],
        [MajorIncidentState.Restored] = [MajorIncidentState.Declared, MajorIncidentState.ReviewPending],
        [MajorIncidentState.ReviewPending] = [MajorIncidentState.Closed],
        [MajorIncidentState.Rejected] = [],
        [MajorIncidentState.Downgraded] = [],
        [MajorIncidentState.Closed] = [],
    };

    public static bool IsAllowed(MajorIncidentState from, MajorIncidentState to) => Allowed[from].Contains(to);

    /// <summary>A person's move; <see cref="Caller"/> is null for the system's (Restored → ReviewPending when the parent incident closes).</summary>
    public static void Apply(MajorIncident major, TransitionMajorIncidentRequest request, Caller? caller, MajorTransitionInputs inputs, DateTimeOffset now)
    {
        var from = major.State;
        var to = request.To!.Value;
        if (!IsAllowed(from, to))
        {
            throw Problems.IllegalTransition(from.ToString(), to.ToString(), "INC-07");
        }

        var actor = caller?.Actor ?? Actor.System;
        switch (to)
        {
            case MajorIncidentState.Declared when from == MajorIncidentState.Proposed:
                MajorIncidentRules.Declare(major, inputs.Declaration!, caller!, request.Reason, now);
                return;
            case MajorIncidentState.Rejected:
                MajorIncidentRules.RequireDeclarer(caller!, inputs.Policy);
                RequireReason(request.Reason, "MAJ-01");
                major.Reason = request.Reason;
                Move(major, actor, to, now, MajorIncidentRules.OnCallManagers(inputs.Policy), request.Reason);
                return;
            case MajorIncidentState.Downgraded:
                RequireIncidentManager(caller!);
                RequireReason(request.Reason, "MAJ-04");
                major.Reason = request.Reason;
                EndAuthority(major, now);
                Move(major, actor, to, now, [major.ManagerId!, Notify.WarRoom(major.Id)], request.Reason);
                return;
            case MajorIncidentState.Restored:
                RequireManager(major, caller!);
                major.RestoredAt = now;
                major.NextUpdateDue = null;
                Move(major, actor, to, now, [Notify.WarRoom(major.Id), Notify.Group("grp-servicedesk")], request.Reason);
                return;
            case MajorIncidentState.Declared:
                RequireManager(major, caller!);
                major.RestoredAt = null;
                major.NextUpdateDue = now.AddMinutes(inputs.Policy.UpdateIntervalMinutes);
                Move(major, actor, to, now, [Notify.WarRoom(major.Id), Notify.Group("grp-servicedesk")], request.Reason);
                return;
            case MajorIncidentState.ReviewPending:
                if (caller is not null)
                {
                    RequireManager(major, caller);
                }

                major.Review = MajorIncidentReviews.Build(major, inputs.Review!, now);
                Move(major, actor, to, now, [major.ManagerId!, Notify.Role(ItsmRole.IncidentManager)], request.Reason,
                    new JsonObject { ["reviewDue"] = UtcTimestampConverter.Text(major.Review.DueAt) });
                return;
            case MajorIncidentState.Closed:
                RequireIncidentManager(caller!);
                MajorIncidentReviews.Approve(major, caller!, now);
                EndAuthority(major, now);
                Move(major, actor, to, now, [Notify.WarRoom(major.Id)], request.Reason);
                if (major.WarRoom is { ArchivedAt: null } room)
                {
                    major.Raise(actor, now, "WarRoomArchiveRequested", EventVisibility.Internal,
                        data: new JsonObject { ["platform"] = room.Platform.ToString(), ["channelId"] = room.ChannelId, ["mode"] = room.Mode.ToString() });
                }

                return;
        }
    }

    /// <summary>MAJ-03/MAJ-04: the manager's term ends (and with it the temporary authority) when the major incident is downgraded or closed.</summary>
    private static void EndAuthority(MajorIncident major, DateTimeOffset now)
    {
        var current = major.ManagerHistory.FindLastIndex(t => t.To is null);
        if (current >= 0)
        {
            major.ManagerHistory[current] = major.ManagerHistory[current] with { To = now };
        }

        major.PendingHandover = null;
        major.NextUpdateDue = null;
    }

    private static void Move(MajorIncident major, Actor actor, MajorIncidentState to, DateTimeOffset now, IEnumerable<string> notify, string? reason, JsonObject? data = null)
    {
        var from = major.State;
        major.State = to;
        major.RefreshDerived();
        data ??= [];
        data["incidentId"] = major.IncidentId;
        data["reason"] = reason;
        major.Raise(actor, now, $"MajorIncident{to}", EventVisibility.Internal, [RecordDocument.Change("state", from, to)], notify, data);
    }

    public static void RequireManager(MajorIncident major, Caller caller)
    {
        if (major.ManagerId != caller.Id)
        {
            throw Problems.Forbidden("Only the major incident manager can do this.", "MAJ-03", "SEC-01");
        }
    }

    public static void RequireManagerOrIncidentManager(MajorIncident major, Caller caller)
    {
        if (major.ManagerId != caller.Id && !IncidentAccess.IsIncidentManager(caller))
        {
            throw Problems.Forbidden("Only the major incident manager or the incident manager can do this.", "MAJ-04", "SEC-01");
        }
    }

    private static void RequireIncidentManager(Caller caller)
    {
        if (!IncidentAccess.IsIncidentManager(caller))
        {
            throw Problems.Forbidden("Only the incident manager can do this.", "MAJ-09", "SEC-01");
        }
    }

    private static void RequireReason(string? reason, string requirement)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Problems.Unprocessable("A reason is required.", requirement, "reason");
        }
    }
}
