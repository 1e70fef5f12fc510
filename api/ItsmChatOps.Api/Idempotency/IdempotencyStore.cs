using System.Security.Cryptography;
using System.Text;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Idempotency;

/// <summary>
/// Idempotency keys for creates: the first request with a key reserves it, creates the record and
/// remembers the record's id; a retry with the same key and the same body gets that record back instead
/// of a second one. The same key with another body is refused (422); a retry while the first request is
/// still running gets 409. A reservation left by a crashed request can be taken over after a minute.
/// </summary>
public sealed class IdempotencyStore(IDocumentStore store, Partitions partitions, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(1);
    private readonly RecordCollection<Entry> _entries = new(store, partitions.For("idempotency"));

    /// <summary>Runs <paramref name="create"/> once per (caller, key); returns its record id and whether this was a replay.</summary>
    public async Task<(string RecordId, bool Replayed)> RunOnceAsync(string callerId, string key, string requestBody,
        Func<CancellationToken, Task<string>> create, CancellationToken cancellationToken)
    {
        if (key.Length is 0 or > 200)
        {
            throw Problems.BadRequest($"{Header} must be 1 to 200 characters.", Header);
        }

        var id = Hash($"{callerId}\n{key}");
        var requestHash = Hash(requestBody);
        var now = time.GetUtcNow();
        var reservation = new Entry { Id = id, RequestHash = requestHash, StartedAt = now };
        try
        {
            var created = await _entries.CreateAsync(id, reservation, cancellationToken);
            return (await CompleteAsync(created, create, cancellationToken), false);
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            var existing = await _entries.GetAsync(id, cancellationToken)
                ?? throw Problems.Conflict("The request with this idempotency key is being processed; retry shortly.");
            if (existing.Value.RequestHash != requestHash)
            {
                throw Problems.Unprocessable($"This {Header} was already used for a different request.", "INC-01", Header);
            }

            if (existing.Value.RecordId is { } done)
            {
                return (done, true);
            }

            if (now - existing.Value.StartedAt < Abandoned)
            {
                throw Problems.Conflict("The request with this idempotency key is still being processed; retry shortly.");
            }

            var takenOver = await _entries.ReplaceAsync(id, reservation, existing.ETag, cancellationToken);
            return (await CompleteAsync(takenOver, create, cancellationToken), false);
        }
    }

    private async Task<string> CompleteAsync(Stored<Entry> reservation, Func<CancellationToken, Task<string>> create, CancellationToken cancellationToken)
    {
        string recordId;
        try
        {
            recordId = await create(cancellationToken);
        }
        catch
        {
            // The create failed (a rule refused it): free the key so a corrected retry can use it.
            await _entries.DeleteAsync(reservation.Id, reservation.ETag, CancellationToken.None);
            throw;
        }

        var done = reservation.Value with { RecordId = recordId };
        await _entries.ReplaceAsync(reservation.Id, done, reservation.ETag, cancellationToken);
        return recordId;
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public sealed record Entry
    {
        public required string Id { get; init; }
        public required string RequestHash { get; init; }
        public required DateTimeOffset StartedAt { get; init; }
        public string? RecordId { get; init; }
    }
}
