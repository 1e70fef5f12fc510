using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.ConfigurationItems;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.People;

namespace ItsmChatOps.Api.Changes;

/// <summary>Builds the change as the API returns it: approvers by name and, once implementation started, planned against actual CI updates (CHG-11).</summary>
public sealed class ChangeViews(ChangeService changes, PeopleStore people, CiStore cis, EventLog log)
{
    private static readonly string[] UpdateKinds = ["CiUpdated", "CiRelationshipAdded", "CiRelationshipRemoved"];

    public async Task<ChangeResponse> WithETagAsync(HttpContext context, Change change, CancellationToken cancellationToken, bool withCiUpdates = false)
    {
        context.Response.Headers.ETag = change.ETag;
        var (policy, _) = await changes.PolicyAsync(cancellationToken);
        var names = new Dictionary<string, string>();
        foreach (var id in change.Approvers.Select(a => a.PersonId))
        {
            names[id] = (await people.GetAsync(id, cancellationToken))?.DisplayName ?? id;
        }

        var started = change.ActualStart is not null;
        return ChangeMapping.ToResponse(change, policy, names, withCiUpdates && started ? await CiUpdatesAsync(change, cancellationToken) : null);
    }

    /// <summary>For each CI the change lists, the versions made under this change and the fields they changed.</summary>
    private async Task<IReadOnlyList<CiUpdateView>> CiUpdatesAsync(Change change, CancellationToken cancellationToken)
    {
        var result = new List<CiUpdateView>();
        foreach (var ciId in change.CiIds)
        {
            var ci = await cis.GetAsync(ciId, cancellationToken);
            var events = ci is null ? [] : (await log.TimelineAsync(ci, cancellationToken))
                .Where(e => UpdateKinds.Contains(e.Kind) && e.Data?["authorizedBy"]?.GetValue<string>() == change.Id)
                .ToList();
            result.Add(new CiUpdateView(ciId, events.Count > 0,
                events.Select(e => e.Data!["revision"]!.GetValue<int>()).ToList(),
                events.SelectMany(e => e.Changes.Select(c => c.Field)).Distinct().ToList()));
        }

        return result;
    }
}
