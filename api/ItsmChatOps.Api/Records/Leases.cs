using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Records;

/// <summary>
/// Named leases so that background work (the event relay, timers) runs on one API instance at a time,
/// however many run: a lease document holds an owner and an expiry and changes hands only through
/// replace-if-match, so two instances can never both win it.
/// </summary>
public sealed class Leases(IDocumentStore store, Partitions partitions, TimeProvider time)
{
    private readonly RecordCollection<LeaseDocument> _leases = new(store, partitions.For("lease"));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _held = new();

    /// <summary>This process's identity as a lease owner.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes or renews the lease; false when another live owner holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_held.TryGetValue(name, out var until) && until - now > duration / 2)
        {
            return true; // ours for a while yet: renew only in the second half, so an idle instance writes little
        }

        var current = await _leases.GetAsync(name, cancellationToken);
        var lease = new LeaseDocument { Id = name, Owner = Owner, ExpiresAt = now + duration };
        try
        {
            if (current is null)
            {
                await _leases.CreateAsync(name, lease, cancellationToken);
            }
            else if (current.Value.Owner != Owner && current.Value.ExpiresAt > now)
            {
                _held.TryRemove(name, out _);
                return false;
            }
            else
            {
                await _leases.ReplaceAsync(name, lease, current.ETag, cancellationToken);
            }

            _held[name] = lease.ExpiresAt;
            return true;
        }
        catch (StoreException ex) when (ex.Error is StoreError.Conflict or StoreError.PreconditionFailed or StoreError.NotFound)
        {
            _held.TryRemove(name, out _);
            return false; // another instance took it between our read and write
        }
    }

    public sealed class LeaseDocument
    {
        public required string Id { get; init; }
        public required string Owner { get; init; }
        public required DateTimeOffset ExpiresAt { get; init; }
    }
}
