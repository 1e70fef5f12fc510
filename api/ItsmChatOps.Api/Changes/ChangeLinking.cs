using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>CHG-15: links from a change, two-way through the link store; allowed in any state, closed changes included.</summary>
public static class ChangeLinking
{
    private static readonly Dictionary<ChangeLinkKind, string> Prefixes = new()
    {
        [ChangeLinkKind.CausedIncident] = "INC-",
        [ChangeLinkKind.FixesIncident] = "INC-",
        [ChangeLinkKind.RelatedIncident] = "INC-",
        [ChangeLinkKind.Problem] = "PRB-",
        [ChangeLinkKind.KnownError] = "KE-",
        [ChangeLinkKind.DependsOnChange] = "CHG-",
        [ChangeLinkKind.PartOfChange] = "CHG-",
        [ChangeLinkKind.RemediatedBy] = "CHG-",
        [ChangeLinkKind.RevisionOf] = "CHG-",
        [ChangeLinkKind.Release] = "REL-",
    };

    public static void Add(Change change, ChangeLinkKind kind, string targetId, Caller caller, DateTimeOffset now)
    {
        ChangeAccess.Allow(caller.IsStaff, "Staff link changes to other records.", "CHG-15");
        if (!targetId.StartsWith(Prefixes[kind], StringComparison.Ordinal) || targetId == change.Id)
        {
            throw Problems.Unprocessable($"A {kind} link needs a {Prefixes[kind]}… id other than the change itself.", "CHG-15", "targetId");
        }

        if (change.Links.Any(l => l.Kind == kind && l.TargetId == targetId))
        {
            return;
        }

        change.Links.Add(new(kind, targetId));
        change.Raise(caller.Actor, now, "ChangeLinked", EventVisibility.Internal, [RecordDocument.Change<string?>(kind.ToString(), null, targetId)],
            kind == ChangeLinkKind.CausedIncident ? [Incidents.Notify.Role(Client.ItsmRole.ProblemManager)] : [],
            new JsonObject { ["kind"] = kind.ToString(), ["targetId"] = targetId });
    }
}
