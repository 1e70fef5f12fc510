using System.Collections.Concurrent;
using System.Globalization;
using ItsmChatOps.Api.Client.ServiceLevels;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.ServiceLevels;

/// <summary>SLAs and their Active-version snapshots. Snapshots never change, so they are cached for good.</summary>
public sealed class SlaStore(IDocumentStore store, Partitions partitions, EventRelaySignal relay, TimeProvider time)
{
    private static readonly TimeSpan ActiveFor = TimeSpan.FromSeconds(10);
    private readonly RecordCollection<ServiceLevelAgreement> _slas = new(store, partitions.For(ServiceLevelAgreement.Type));
    private readonly RecordCollection<SlaSnapshot> _snapshots = new(store, partitions.For("sla-version"));
    private readonly ConcurrentDictionary<string, ServiceLevelAgreement> _versions = new();
    private (IReadOnlyList<ServiceLevelAgreement> Active, DateTimeOffset Until)? _active;

    public async Task<string> NextIdAsync(CancellationToken cancellationToken) =>
        $"SLA-{(await store.IncrementCounterAsync(partitions.For("counter"), "sla", cancellationToken)).ToString("D4", CultureInfo.InvariantCulture)}";

    public async Task<ServiceLevelAgreement?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _slas.GetAsync(id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<ServiceLevelAgreement>> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<ServiceLevelAgreement>();
        await foreach (var item in _slas.QueryAllAsync(new DocumentQuery { PageSize = 200 }, cancellationToken))
        {
            all.Add(item.Value);
        }

        return all;
    }

    public async Task<ServiceLevelAgreement> SaveAsync(ServiceLevelAgreement sla, bool created, CancellationToken cancellationToken)
    {
        var stored = created ? await _slas.CreateAsync(sla.Id, sla, cancellationToken) : await _slas.ReplaceAsync(sla.Id, sla, sla.ETag, cancellationToken);
        _active = null;
        relay.Nudge();
        if (stored.Value.Status == SlaStatus.Active)
        {
            await SnapshotAsync(stored.Value, cancellationToken);
        }

        return stored.Value;
    }

    /// <summary>The Active SLA for a service, preferring the one with the person's customer (SLM-05: per SLA, global fallback otherwise).</summary>
    public async Task<ServiceLevelAgreement?> ActiveForAsync(string serviceId, string? customerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_active is not { } cached || cached.Until <= now)
        {
            cached = ((await ListAsync(cancellationToken)).Where(s => s.Status == SlaStatus.Active).OrderBy(s => s.Id, StringComparer.Ordinal).ToList(), now + ActiveFor);
            _active = cached;
        }

        var covering = cached.Active.Where(s => s.ServiceIds.Contains(serviceId) && (s.ValidTo is null || s.ValidTo > now) && (s.ValidFrom is null || s.ValidFrom <= now)).ToList();
        return covering.FirstOrDefault(s => s.CustomerId == customerId) ?? covering.FirstOrDefault();
    }

    /// <summary>The SLA as it was at a version; falls back to (and repairs) the snapshot from the current document.</summary>
    public async Task<ServiceLevelAgreement> VersionAsync(string slaId, int version, CancellationToken cancellationToken)
    {
        var key = SlaSnapshot.IdFor(slaId, version);
        if (_versions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var snapshot = (await _snapshots.GetAsync(key, cancellationToken))?.Value.Agreement;
        if (snapshot is null && await GetAsync(slaId, cancellationToken) is { } current && current.Version == version)
        {
            await SnapshotAsync(current, cancellationToken);
            snapshot = current;
        }

        return _versions[key] = snapshot ?? throw new InvalidOperationException($"SLA {slaId} has no version {version}.");
    }

    private async Task SnapshotAsync(ServiceLevelAgreement sla, CancellationToken cancellationToken)
    {
        var key = SlaSnapshot.IdFor(sla.Id, sla.Version);
        try
        {
            await _snapshots.CreateAsync(key, new SlaSnapshot { Id = key, Agreement = sla }, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            // That version is kept already; versions never change.
        }
    }
}
