using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>
/// The CI lifecycle of requirements §16.6, exactly: the allowed moves, who makes each one and the guards. Live and
/// UnderChange swap only when a change starts or ends implementing (CFG-06); any other move is 409.
/// </summary>
public static class CiTransitions
{
    private static readonly Dictionary<CiState, CiState[]> Allowed = new()
    {
        [CiState.Ordered] = [CiState.Received],
        [CiState.Received] = [CiState.InAcceptanceTest, CiState.Returned],
        [CiState.InAcceptanceTest] = [CiState.Live, CiState.Returned],
        [CiState.Live] = [CiState.UnderChange, CiState.Withdrawn],
        [CiState.UnderChange] = [CiState.Live, CiState.Withdrawn],
        [CiState.Withdrawn] = [CiState.Live, CiState.Disposed],
        [CiState.Disposed] = [],
        [CiState.Returned] = [],
    };

    public static bool IsAllowed(CiState from, CiState to) => Allowed[from].Contains(to);

    /// <summary>True when the move needs an authorizing change in Implementing that lists the CI (CFG-05).</summary>
    public static bool NeedsAuthorizingChange(CiState from, CiState to) =>
        to == CiState.Live && from is CiState.InAcceptanceTest or CiState.Withdrawn || to == CiState.Withdrawn;

    /// <summary>A person's move; <paramref name="authorizingChangeId"/> is already checked when the move needs one.</summary>
    public static void Apply(ConfigurationItem ci, TransitionCiRequest request, Caller caller, string? authorizingChangeId, DateTimeOffset now)
    {
        var from = ci.State;
        var to = request.To!.Value;
        if (!IsAllowed(from, to))
        {
            throw Problems.IllegalTransition(from.ToString(), to.ToString(), "CFG-06");
        }

        if (from is CiState.Live or CiState.UnderChange && to is CiState.Live or CiState.UnderChange)
        {
            throw Problems.Conflict($"{ci.Id} moves between Live and UnderChange by itself when a change affecting it starts or ends implementing.", "CFG-06");
        }

        var ownerMay = to is CiState.Withdrawn or CiState.Disposed && (ci.OwnerId == caller.Id || ci.DelegateId == caller.Id);
        if (!CiRules.IsConfigurationManager(caller) && !ownerMay)
        {
            throw Problems.Forbidden(to is CiState.Withdrawn or CiState.Disposed
                ? "The configuration manager or the CI's owner withdraws and disposes of it."
                : "The configuration manager moves configuration items through their lifecycle.", "CFG-06", "SEC-01");
        }

        if (NeedsAuthorizingChange(from, to) && authorizingChangeId is null)
        {
            throw Problems.Conflict($"{ci.Id} moves from {from} to {to} only under a change in Implementing that lists it (give changeId).", "CFG-05");
        }

        if (to == CiState.Disposed)
        {
            if (request.Disposal is null)
            {
                throw Problems.Unprocessable("Disposal needs a record: date, method and whether data was sanitised.", "CFG-06", "disposal");
            }

            ci.Disposal = request.Disposal;
        }

        Move(ci, to, caller.Actor, authorizingChangeId, request.Reason, now);
    }

    /// <summary>A change affecting the CI starts implementing: a Live CI goes UnderChange (CFG-06).</summary>
    public static bool StartChange(ConfigurationItem ci, string changeId, DateTimeOffset now)
    {
        if (ci.UnderChangeBy.Contains(changeId) || ci.State is not (CiState.Live or CiState.UnderChange))
        {
            return false;
        }

        ci.UnderChangeBy.Add(changeId);
        if (ci.State == CiState.Live)
        {
            Move(ci, CiState.UnderChange, Actor.System, changeId, $"{changeId} started implementing.", now);
        }
        else
        {
            ci.RecordVersion(Actor.System, now, "CiUnderChange", [RecordDocument.Change<string?>("underChangeBy", null, changeId)], changeId);
        }

        return true;
    }

    /// <summary>The change ended Implemented or BackedOut: the CI is Live again once no other change holds it (CFG-06).</summary>
    public static bool EndChange(ConfigurationItem ci, string changeId, DateTimeOffset now)
    {
        if (!ci.UnderChangeBy.Remove(changeId))
        {
            return false;
        }

        if (ci.State == CiState.UnderChange && ci.UnderChangeBy.Count == 0)
        {
            Move(ci, CiState.Live, Actor.System, changeId, $"{changeId} ended.", now);
        }
        else
        {
            ci.RecordVersion(Actor.System, now, "CiChangeEnded", [RecordDocument.Change<string?>("underChangeBy", changeId, null)], changeId);
        }

        return true;
    }

    private static void Move(ConfigurationItem ci, CiState to, Actor actor, string? authorizingChangeId, string? reason, DateTimeOffset now)
    {
        var from = ci.State;
        ci.State = to;
        ci.StateChangedAt = now;
        var notify = actor.IsSystem ? new[] { ci.OwnerId } : [ci.OwnerId, ci.DelegateId ?? ""];
        ci.RecordVersion(actor, now, "CiStateChanged", [RecordDocument.Change("state", from, to)], authorizingChangeId,
            notify.Where(n => n != actor.Id), new JsonObject { ["reason"] = reason, ["from"] = from.ToString(), ["to"] = to.ToString() });
    }
}
