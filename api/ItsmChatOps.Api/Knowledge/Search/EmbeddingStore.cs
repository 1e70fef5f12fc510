using System.Runtime.InteropServices;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// The embedding of each indexed document, stored beside the records (partition <c>{tenant}|knowledge-vector</c>)
/// with the model and a hash of the text it was computed from, so a restart re-embeds only what changed
/// or what an earlier model embedded.
/// </summary>
public sealed class EmbeddingStore(IDocumentStore store, Partitions partitions)
{
    private readonly RecordCollection<StoredEmbedding> _vectors = new(store, partitions.For("knowledge-vector"));

    public async Task<float[]?> FindAsync(string documentId, string model, string hash, CancellationToken cancellationToken)
    {
        var stored = await _vectors.GetAsync(documentId, cancellationToken);
        return stored is { Value: var v } && v.Model == model && v.Hash == hash ? MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(v.Vector)).ToArray() : null;
    }

    public async Task SaveAsync(string documentId, string model, string hash, float[] vector, CancellationToken cancellationToken)
    {
        var document = new StoredEmbedding
        {
            Id = documentId,
            Model = model,
            Hash = hash,
            Vector = Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())),
        };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await _vectors.GetAsync(documentId, cancellationToken);
            try
            {
                _ = existing is null
                    ? await _vectors.CreateAsync(documentId, document, cancellationToken)
                    : await _vectors.ReplaceAsync(documentId, document, existing.ETag, cancellationToken);
                return;
            }
            catch (StoreException ex) when (ex.Error is StoreError.Conflict or StoreError.PreconditionFailed)
            {
                // Another instance stored it at the same moment; the next read sees theirs, which is as good.
            }
        }
    }

    public sealed class StoredEmbedding
    {
        public required string Id { get; init; }
        public required string Model { get; init; }
        public required string Hash { get; init; }

        /// <summary>Little-endian float32s, base64: a quarter of the size of a JSON number array.</summary>
        public required string Vector { get; init; }
    }
}
