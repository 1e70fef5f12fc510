using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>What use does to an item: applications and reopenings (KB-03 effectiveness) and deflections (KB-08).</summary>
public static class KnowledgeEffects
{
    public static void Applied(KnowledgeItem item, string incidentId, Actor actor, DateTimeOffset now)
    {
        if (item.AppliedIncidentIds.Contains(incidentId))
        {
            return;
        }

        item.AppliedIncidentIds.Add(incidentId);
        item.Raise(actor, now, "KnowledgeApplied", EventVisibility.Internal,
            [RecordDocument.Change("applied", item.AppliedIncidentIds.Count - 1, item.AppliedIncidentIds.Count)],
            data: new JsonObject { ["incidentId"] = incidentId, ["knownErrorId"] = item.KnownErrorId });
    }

    /// <summary>KB-03: an incident the item was applied to was reopened, so the item did not restore it.</summary>
    public static bool Reopened(KnowledgeItem item, string incidentId, DateTimeOffset now)
    {
        if (!item.AppliedIncidentIds.Contains(incidentId) || item.ReopenedIncidentIds.Contains(incidentId))
        {
            return false;
        }

        item.ReopenedIncidentIds.Add(incidentId);
        item.Raise(Actor.System, now, "KnowledgeApplicationFailed", EventVisibility.Internal,
            [RecordDocument.Change("effectiveness", null as double?, item.Effectiveness)], data: new JsonObject { ["incidentId"] = incidentId });
        return true;
    }

    /// <summary>KB-08: "This solved it" counts against the item and the service; no incident is raised.</summary>
    public static void Deflected(KnowledgeItem item, string? serviceId, string question, Actor actor, DateTimeOffset now)
    {
        item.Deflections++;
        item.Raise(actor, now, "SelfHelpDeflected", EventVisibility.Internal,
            [RecordDocument.Change("deflections", item.Deflections - 1, item.Deflections)],
            data: new JsonObject { ["serviceId"] = serviceId, ["question"] = question });
    }
}
