using System.Text.Json.Nodes;
using ItsmChatOps.Api.Changes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>
/// CFG-14: finds CIs by id, marking or name and gathers what the chat card shows: state, version, owner, supported
/// services, open incidents, linked problems and known errors, changes in the coming days and failed changes.
/// </summary>
public sealed class CiLookup(CiStore cis, CiService ciService, PeopleStore people, ServiceStore services, IncidentStore incidents, LinkStore links,
    ChangeStore changes, TimeProvider time)
{
    public const int ScheduleDays = 14;
    private const int MaxMatches = 5;
    private const int IdsShown = 5;

    public async Task<IReadOnlyList<ConfigurationItem>> FindAsync(string query, CancellationToken cancellationToken)
    {
        var text = query.Trim();
        if (text.StartsWith("CI-", StringComparison.OrdinalIgnoreCase) && await cis.GetAsync(text.ToUpperInvariant(), cancellationToken) is { } byId)
        {
            return [byId];
        }

        var (byMarking, _) = await cis.QueryAsync(new DocumentQuery { Where = [new Eq("marking", JsonValue.Create(text))], OrderBy = [new SortKey("nameKey")], PageSize = MaxMatches },
            cancellationToken);
        if (byMarking.Count > 0)
        {
            return byMarking;
        }

        var (byName, _) = await cis.QueryAsync(new DocumentQuery
        {
            Where = [new AnyOf([new ContainsText("nameKey", text), new ContainsText("marking", text)])],
            OrderBy = [new SortKey("nameKey")],
            PageSize = MaxMatches,
        }, cancellationToken);
        return byName.OrderBy(c => string.Equals(c.NameKey, text, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ToList();
    }

    public async Task<CiCardResponse> CardAsync(ConfigurationItem ci, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var type = (await ciService.TypesAsync(cancellationToken)).Find(ci.TypeId);
        var owner = await people.GetAsync(ci.OwnerId, cancellationToken);
        var catalogue = await services.AllAsync(cancellationToken);
        var (incidentCount, incidentIds) = await incidents.OpenOnCiAsync(ci.Id, IdsShown, cancellationToken);
        var linked = (await links.OfAsync(ci.Id, cancellationToken)).Select(l => l.FromId == ci.Id ? l.ToId : l.FromId).Distinct().ToList();
        var problems = linked.Where(id => id.StartsWith("PRB-", StringComparison.Ordinal)).ToList();
        var knownErrors = linked.Where(id => id.StartsWith("KE-", StringComparison.Ordinal)).ToList();
        var onCi = new ArrayContains("ciIds", JsonValue.Create(ci.Id));
        var scheduled = await changes.OverlappingAsync(now, now + TimeSpan.FromDays(ScheduleDays),
            [ChangeState.Approved, ChangeState.Scheduled, ChangeState.Implementing], [onCi], cancellationToken);
        var failed = await changes.CountAsync(
            [onCi, new In("outcome", [JsonValue.Create(nameof(ChangeOutcome.Failed)), JsonValue.Create(nameof(ChangeOutcome.BackedOut))])], cancellationToken);
        return new CiCardResponse
        {
            Ci = CiMapping.ToResponse(ci),
            TypeName = type?.Name ?? ci.TypeId,
            Owner = new NamedRef(ci.OwnerId, owner?.DisplayName ?? ci.OwnerId),
            SupportedServices = ci.SupportedServiceIds.Select(id => new NamedRef(id, catalogue.FirstOrDefault(s => s.Id == id)?.Name ?? id)).ToList(),
            OpenIncidents = new RecordCount(incidentCount, incidentIds),
            Problems = new RecordCount(problems.Count, problems.Take(IdsShown).ToList()),
            KnownErrors = new RecordCount(knownErrors.Count, knownErrors.Take(IdsShown).ToList()),
            ScheduledChanges = scheduled.Select(c => new ScheduledChangeRef(c.Id, c.Title, c.State, c.Window!.Start, c.Window.End)).ToList(),
            ScheduleDays = ScheduleDays,
            FailedChanges = failed,
            LastAudit = null,
        };
    }
}
