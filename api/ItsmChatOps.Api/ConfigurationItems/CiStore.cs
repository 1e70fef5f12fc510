using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>
/// Configuration items in their partition: numbering (CI-nnnnnn), point reads, replace-if-match, the CIs that point
/// at a record, and unique keys. A marking must be unique within its type and name + type + version across the
/// estate (CFG-01); each key is claimed as a document of its own, so two writers can never both hold it.
/// </summary>
public sealed class CiStore(IDocumentStore store, Partitions partitions, EventRelaySignal relay)
{
    private const int MaxNumberAttempts = 50;
    private readonly RecordCollection<ConfigurationItem> _cis = new(store, partitions.For(ConfigurationItem.Type));
    private readonly RecordCollection<KeyClaim> _keys = new(store, partitions.For("ci-key"));
    private readonly string _counters = partitions.For("counter");

    public static void DeclareIndexes(IServiceCollection services) =>
        services.AddStorageIndex("ci-name", ConfigurationItem.Type, new SortKey("nameKey"));

    public async Task<ConfigurationItem?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _cis.GetAsync(id, cancellationToken))?.Value;

    /// <summary>The next free number (CI-nnnnnn); numbers already used by records created with a fixed id (sample data) are skipped.</summary>
    public async Task<string> NextIdAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxNumberAttempts; attempt++)
        {
            var number = await store.IncrementCounterAsync(_counters, ConfigurationItem.Type, cancellationToken);
            var id = $"CI-{number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}";
            if (await _cis.GetAsync(id, cancellationToken) is null)
            {
                return id;
            }
        }

        throw new InvalidOperationException("No free configuration item number was found.");
    }

    /// <summary>Creates the CI with the id it has; <see cref="StoreError.Conflict"/> when it exists.</summary>
    public async Task<ConfigurationItem> CreateExactAsync(ConfigurationItem ci, CancellationToken cancellationToken)
    {
        ci.RefreshDerived();
        var stored = await _cis.CreateAsync(ci.Id, ci, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    /// <summary>Writes the CI if it still has the ETag it was read with; <see cref="StoreError.PreconditionFailed"/> otherwise.</summary>
    public async Task<ConfigurationItem> ReplaceAsync(ConfigurationItem ci, CancellationToken cancellationToken)
    {
        ci.RefreshDerived();
        var stored = await _cis.ReplaceAsync(ci.Id, ci, ci.ETag, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    public async Task<(IReadOnlyList<ConfigurationItem> Items, string? Continuation)> QueryAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var (items, continuation) = await _cis.QueryAsync(query, cancellationToken);
        return (items.Select(i => i.Value).ToList(), continuation);
    }

    public Task<long> CountOfTypeAsync(string typeId, CancellationToken cancellationToken) =>
        _cis.CountAsync([new Eq("typeId", JsonValue.Create(typeId))], cancellationToken);

    /// <summary>Every CI with a relationship to the record (a CI or a service): the incoming edges of CFG-03.</summary>
    public async Task<IReadOnlyList<ConfigurationItem>> ReferencingAsync(string targetId, CancellationToken cancellationToken)
    {
        var result = new List<ConfigurationItem>();
        await foreach (var item in _cis.QueryAllAsync(new DocumentQuery
        {
            Where = [new ArrayContains("relatedIds", JsonValue.Create(targetId))],
            OrderBy = [new SortKey("nameKey")],
            PageSize = 200,
        }, cancellationToken))
        {
            result.Add(item.Value);
        }

        return result;
    }

    /// <summary>Claims a unique key for a CI; false when another CI holds it. Claiming a key the CI already holds succeeds.</summary>
    public async Task<bool> ClaimAsync(string key, string ciId, CancellationToken cancellationToken)
    {
        var id = KeyClaim.IdFor(key);
        try
        {
            await _keys.CreateAsync(id, new KeyClaim { Id = id, Key = key, CiId = ciId }, cancellationToken);
            return true;
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            return (await _keys.GetAsync(id, cancellationToken))?.Value.CiId == ciId;
        }
    }

    /// <summary>Frees a key the CI no longer uses.</summary>
    public async Task ReleaseAsync(string key, string ciId, CancellationToken cancellationToken)
    {
        var claim = await _keys.GetAsync(KeyClaim.IdFor(key), cancellationToken);
        if (claim is null || claim.Value.CiId != ciId)
        {
            return;
        }

        try
        {
            await _keys.DeleteAsync(claim.Id, claim.ETag, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error is StoreError.NotFound or StoreError.PreconditionFailed)
        {
            // Released or re-claimed by a concurrent writer; nothing left to free.
        }
    }

    public sealed class KeyClaim
    {
        public required string Id { get; init; }
        public required string Key { get; init; }
        public required string CiId { get; init; }

        public static string IdFor(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
