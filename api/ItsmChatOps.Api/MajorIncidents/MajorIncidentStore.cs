using System.Text.Json.Nodes;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// Major incidents in their partition: numbering, reads, writes and timers through <see cref="NumberedRecords{T}"/>,
/// plus a claim per parent incident, so one incident never has two open major incidents whoever proposes or declares first.
/// </summary>
public sealed class MajorIncidentStore(IDocumentStore store, Partitions partitions, EventRelaySignal relay)
{
    private readonly RecordCollection<Claim> _claims = new(store, partitions.For("major-incident-claim"));

    public NumberedRecords<MajorIncident> Records { get; } = new(store, partitions, relay, MajorIncident.Type, MajorIncident.Prefix);

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("major-incident-timer", MajorIncident.Type, new SortKey("nextTimerAt"));
        services.AddStorageIndex("major-incident-created", MajorIncident.Type, new SortKey("createdAt", Descending: true));
    }

    /// <summary>
    /// Creates the record if its incident has no open major incident; otherwise returns the open one and writes nothing.
    /// <paramref name="isOpen"/> tells whether a claimed major incident still runs (a closed one gives the claim up).
    /// </summary>
    public async Task<MajorIncident?> CreateUnlessOpenAsync(MajorIncident major, Func<string, Task<MajorIncident?>> isOpen, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var claim = await _claims.GetAsync(major.IncidentId, cancellationToken);
            if (claim is not null && await isOpen(claim.Value.MajorIncidentId) is { } open)
            {
                return open;
            }

            try
            {
                var mine = new Claim { Id = major.IncidentId, MajorIncidentId = major.Id };
                _ = claim is null ? await _claims.CreateAsync(mine.Id, mine, cancellationToken) : await _claims.ReplaceAsync(mine.Id, mine, claim.ETag, cancellationToken);
                major.RefreshDerived();
                major.ETag = (await Records.CreateAsync(major, cancellationToken)).ETag;
                return null;
            }
            catch (StoreException ex) when (ex.Error is StoreError.Conflict or StoreError.PreconditionFailed)
            {
                // Someone claimed the incident between our read and write: read their claim.
            }
        }

        throw new InvalidOperationException($"The major incident of {major.IncidentId} is contended; try again.");
    }

    /// <summary>The major incident claimed for a parent incident, open or not (null when there never was one).</summary>
    public async Task<MajorIncident?> ForIncidentAsync(string incidentId, CancellationToken cancellationToken) =>
        await _claims.GetAsync(incidentId, cancellationToken) is { } claim ? await Records.GetAsync(claim.Value.MajorIncidentId, cancellationToken) : null;

    /// <summary>Open major incidents, newest first (there are few at any time).</summary>
    public async Task<IReadOnlyList<MajorIncident>> OpenAsync(CancellationToken cancellationToken) =>
        (await Records.QueryAsync(new DocumentQuery
        {
            Where = [new Eq("open", JsonValue.Create(true))],
            OrderBy = [new SortKey("createdAt", Descending: true)],
            PageSize = 100,
        }, cancellationToken)).Items;

    public async Task<MajorIncident> ReplaceAsync(MajorIncident major, CancellationToken cancellationToken)
    {
        major.RefreshDerived();
        return await Records.ReplaceAsync(major, cancellationToken);
    }

    public sealed class Claim
    {
        public required string Id { get; init; }
        public required string MajorIncidentId { get; init; }
    }
}
