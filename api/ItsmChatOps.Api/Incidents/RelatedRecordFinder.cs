using System.Text.Json.Nodes;
using ItsmChatOps.Api.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.ProblemManagement;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// INC-04: on classification, the open problems and the changes implemented in the last 7 days on the incident's
/// service or CIs, suggested for linking. Both come from indexed single-partition queries; the result is kept on the
/// incident so every read shows it without querying again.
/// </summary>
public sealed class RelatedRecordFinder(IDocumentStore store, Partitions partitions, ChangeStore changes)
{
    public static readonly TimeSpan RecentChanges = TimeSpan.FromDays(7);
    private const int Take = 5;
    private readonly RecordCollection<Problem> _problems = new(store, partitions.For(Problem.Type));

    /// <summary>What the suggestions depend on; when it changes, the incident was (re)classified.</summary>
    public static (string ServiceId, string? Category, string CiIds) Basis(Incident incident) =>
        (incident.ServiceId, incident.Category, string.Join('\n', incident.CiIds.Order(StringComparer.Ordinal)));

    public async Task<List<RelatedRecord>> FindAsync(string serviceId, IReadOnlyCollection<string> ciIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> serviceIds = serviceId == ServiceCatalog.Service.UnknownTriageId ? [] : [serviceId];
        var problems = FindProblemsAsync(serviceIds, ciIds, cancellationToken);
        var recent = await changes.ImplementedBetweenAsync(serviceIds, ciIds, now - RecentChanges, now, Take, cancellationToken);
        return
        [
            .. (await problems).Select(p => new RelatedRecord(RelatedRecordKind.Problem, p.Id, p.Title, p.State.ToString(), null)),
            .. recent.Select(c => new RelatedRecord(RelatedRecordKind.Change, c.Id, c.Title, c.State.ToString(), c.ActualEnd)),
        ];
    }

    /// <summary>Finds the suggestions again when the service, category or CIs changed since <paramref name="before"/>.</summary>
    public async Task RefreshAsync(Incident incident, (string, string?, string) before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Basis(incident) != before)
        {
            incident.PossiblyRelated = await FindAsync(incident.ServiceId, incident.CiIds, now, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<Problem>> FindProblemsAsync(IReadOnlyList<string> serviceIds, IReadOnlyCollection<string> ciIds, CancellationToken cancellationToken)
    {
        IReadOnlyList<Condition> onAny =
        [
            .. serviceIds.Select(s => new ArrayContains("serviceIds", JsonValue.Create(s))),
            .. ciIds.Select(c => new ArrayContains("ciIds", JsonValue.Create(c))),
        ];
        if (onAny.Count == 0)
        {
            return [];
        }

        var (items, _) = await _problems.QueryAsync(new DocumentQuery
        {
            Where = [new Eq("open", JsonValue.Create(true)), new AnyOf(onAny)],
            OrderBy = [new SortKey("open"), new SortKey("priority"), new SortKey("createdAt")],
            PageSize = Take,
        }, cancellationToken);
        return items.Select(i => i.Value).ToList();
    }
}
