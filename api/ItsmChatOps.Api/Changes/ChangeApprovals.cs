using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>Where a vote stands (CHG-04, CHG-06).</summary>
public sealed record QuorumStatus(int Needed, int Approvals, int Rejections, List<string> MandatoryPending, List<string> Pending, bool RolesMet, bool Met);

/// <summary>
/// Decisions on a change (CHG-05, CHG-06): one per required approver, counted for the approver's own identity or
/// for the approver a deputy acts for; the quorum decides Approved; any rejection decides Rejected.
/// </summary>
public static class ChangeApprovals
{
    public static QuorumStatus Evaluate(Change change)
    {
        var decided = change.Approvals.Where(a => a.Decision != ApprovalDecision.RequestInfo).ToDictionary(a => a.SlotId, a => a.Decision);
        bool Approved(RequiredApprover a) => decided.TryGetValue(a.PersonId, out var d) && d == ApprovalDecision.Approve;
        var pool = change.Approvers.Where(a => !a.Mandatory).ToList();
        var mandatoryPending = change.Approvers.Where(a => a.Mandatory && !Approved(a)).Select(a => a.PersonId).ToList();
        var needed = change.Quorum switch
        {
            QuorumRule.All => pool.Count,
            QuorumRule.Any => Math.Min(1, pool.Count),
            QuorumRule.Majority => pool.Count == 0 ? 0 : pool.Count / 2 + 1,
            _ => Math.Min(change.QuorumMinimum, pool.Count),
        };
        var approvals = pool.Count(Approved);
        var rolesMet = change.QuorumNeedsRoles.Count == 0 || change.Approvers.Any(a => a.HoldsQuorumRole && Approved(a));
        var pending = change.Approvers.Where(a => !decided.ContainsKey(a.PersonId)).Select(a => a.PersonId).ToList();
        var met = change.Approvers.Count > 0 && mandatoryPending.Count == 0 && approvals >= needed && rolesMet;
        return new(needed, approvals + change.Approvers.Count(a => a.Mandatory && Approved(a)),
            decided.Values.Count(d => d == ApprovalDecision.Reject), mandatoryPending, pending, rolesMet, met);
    }

    /// <summary>
    /// Records a decision for <paramref name="slotId"/> (the approver, or the approver a deputy acts for). Returns false
    /// for a replay of the same request (same idempotency key), which changes nothing.
    /// </summary>
    public static bool Decide(Change change, ApprovalRequest request, Caller caller, string slotId, string? idempotencyKey, Func<JsonNode> current, DateTimeOffset now)
    {
        var previous = change.Approvals.FirstOrDefault(a => a.SlotId == slotId && a.Decision != ApprovalDecision.RequestInfo);
        if (previous is not null && idempotencyKey is not null && previous.IdempotencyKey == idempotencyKey)
        {
            return false;
        }

        if (change.State != ChangeState.PendingApproval)
        {
            throw Problems.Conflict($"{change.Id} is {change.State}: it is not waiting for decisions any more.", "CHG-06");
        }

        if (previous is not null)
        {
            throw Problems.Conflict($"A decision ({previous.Decision}) was already recorded for {slotId} on {change.Id}; each approver decides once.", "CHG-05");
        }

        if (!string.Equals(Normalize(request.ETag!), change.ApprovalTag, StringComparison.Ordinal))
        {
            throw new ProblemException(StatusCodes.Status412PreconditionFailed, "stale-card", "The change has been edited",
                $"{change.Id} was changed after your card was sent. Here is the current version; decide on it instead.", ["CHG-05"],
                extensions: new Dictionary<string, JsonNode?> { ["recordId"] = change.Id, ["approvalTag"] = change.ApprovalTag, ["current"] = current() });
        }

        var onBehalfOf = slotId == caller.Id ? null : slotId;
        var decision = request.Decision!.Value;
        if (decision == ApprovalDecision.RequestInfo)
        {
            change.InfoRequests.Add(new(caller.Id, request.Question!, now));
            change.Raise(caller.Actor, now, "ChangeInfoRequested", EventVisibility.Internal, notify: [change.OriginatorId],
                data: new JsonObject { ["question"] = request.Question, ["onBehalfOfId"] = onBehalfOf });
            return true;
        }

        var plans = change.Plans.GroupBy(p => p.Kind).Select(g => g.MaxBy(p => p.Version)!).OrderBy(p => p.Kind).Select(p => new PlanRef(p.Kind, p.Version, p.Hash)).ToList();
        change.Approvals.Add(new(caller.Id, onBehalfOf, decision, request.Reason, now, request.ETag!, Digest(plans), idempotencyKey));
        var status = Evaluate(change);
        change.Raise(caller.Actor with { OnBehalfOfId = onBehalfOf }, now, "ChangeDecisionRecorded", EventVisibility.Internal,
            [RecordDocument.Change<string?>($"approvals.{slotId}", null, decision.ToString())], [.. ChangeNotify.Approvers(change)],
            new JsonObject
            {
                ["approverId"] = caller.Id,
                ["onBehalfOfId"] = onBehalfOf,
                ["decision"] = decision.ToString(),
                ["reason"] = request.Reason,
                ["approvals"] = status.Approvals,
                ["needed"] = status.Needed,
                ["approvalTag"] = change.ApprovalTag,
            });
        if (decision == ApprovalDecision.Reject)
        {
            Conclude(change, ChangeState.Rejected, "ChangeRejected", [.. ChangeNotify.Approvers(change), .. ChangeNotify.ProblemManagerIfLinked(change)], now);
        }
        else if (status.Met)
        {
            change.ApprovedWindow = change.Window;
            change.ApprovedPlans = plans;
            Conclude(change, ChangeState.Approved, "ChangeApproved", [.. ChangeNotify.Approvers(change), .. ChangeNotify.Implementer(change)], now);
        }

        return true;
    }

    /// <summary>The originator answers question <paramref name="index"/>; each question is answered once, while the vote is open (CHG-05).</summary>
    public static void Answer(Change change, int index, string answer, Caller caller, DateTimeOffset now)
    {
        if (index < 0 || index >= change.InfoRequests.Count)
        {
            throw Problems.NotFound("Question", $"{change.Id}/{index}");
        }

        if (caller.Id != change.OriginatorId)
        {
            throw Problems.Forbidden($"Questions on {change.Id} are answered by its originator, {change.OriginatorId}.", "CHG-05");
        }

        var question = change.InfoRequests[index];
        if (question.Answer is not null || change.State != ChangeState.PendingApproval)
        {
            throw Problems.Conflict(question.Answer is not null
                ? $"This question on {change.Id} was already answered."
                : $"{change.Id} is {change.State}: its approvers no longer wait for an answer.", "CHG-05");
        }

        change.InfoRequests[index] = question with { Answer = answer, AnsweredById = caller.Id, AnsweredAt = now };
        change.Raise(caller.Actor, now, "ChangeInfoAnswered", EventVisibility.Internal, notify: [.. ChangeNotify.Approvers(change).Append(question.AskedById).Distinct()],
            data: new JsonObject { ["index"] = index, ["question"] = question.Question, ["answer"] = answer });
    }

    /// <summary>
    /// Back to Assessed (SYS): a material edit after approval was requested, or the approval lapsed (CHG-06). The
    /// decisions are voided and the approvers told.
    /// </summary>
    public static void Void(Change change, Actor actor, string kind, string reason, DateTimeOffset now)
    {
        var from = change.State;
        var told = ChangeNotify.Approvers(change).Concat(change.ScheduleAudience).ToList();
        var voided = change.Approvals.Count;
        change.VoidedApprovals.AddRange(change.Approvals);
        change.Approvals.Clear();
        change.State = ChangeState.Assessed;
        change.Revision++;
        change.Raise(actor, now, kind, EventVisibility.Internal,
            [RecordDocument.Change("state", from, ChangeState.Assessed)], told,
            new JsonObject { ["reason"] = reason, ["voided"] = voided });
        change.Approvers.Clear();
        change.ScheduleAudience.Clear();
    }

    private static void Conclude(Change change, ChangeState to, string kind, IEnumerable<string> notify, DateTimeOffset now)
    {
        var from = change.State;
        change.State = to;
        change.Raise(Actor.System, now, kind, EventVisibility.Internal, [RecordDocument.Change("state", from, to)], notify,
            new JsonObject
            {
                ["problemIds"] = Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.Problem)),
                ["knownErrorIds"] = Ids(ChangeNotify.LinkedIds(change, ChangeLinkKind.KnownError)),
            });
    }

    /// <summary>One hash for a set of plan versions: what an approver saw.</summary>
    public static string Digest(IEnumerable<PlanRef> plans) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", plans.Select(p => $"{p.Kind}:{p.Version}:{p.Hash}")))));

    public static JsonArray Ids(IEnumerable<string> ids) => new([.. ids.Select(id => (JsonNode)JsonValue.Create(id))]);

    private static string Normalize(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? Normalize(tag[2..]) : tag.StartsWith('"') ? tag : $"\"{tag}\"";
}
