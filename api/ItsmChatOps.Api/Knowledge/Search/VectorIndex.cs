using System.Numerics.Tensors;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// Exact nearest neighbours over unit-length sentence embeddings, kept as one contiguous row-major matrix with the
/// document of each row beside it: a search is one SIMD dot product per allowed row (TensorPrimitives) and no
/// dictionary lookup or allocation per document. At ten thousand 384-float vectors this is well under a
/// millisecond, so no approximate index is needed yet. Removing a row moves the last row into its place.
/// </summary>
public sealed class VectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private float[] _matrix = [];
    private IndexedDocument[] _documents = [];
    private int _count;
    private int _dimensions;

    public int Count => _count;

    public void Upsert(IndexedDocument document, float[] vector)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_dimensions == 0)
            {
                _dimensions = vector.Length;
            }
            else if (vector.Length != _dimensions)
            {
                throw new InvalidOperationException($"Embedding of {document.Id} has {vector.Length} dimensions; the index holds {_dimensions}.");
            }

            if (!_rows.TryGetValue(document.Id, out var row))
            {
                row = _count++;
                if (row == _documents.Length)
                {
                    var capacity = Math.Max(64, _documents.Length * 2);
                    Array.Resize(ref _documents, capacity);
                    Array.Resize(ref _matrix, capacity * _dimensions);
                }

                _rows[document.Id] = row;
            }

            _documents[row] = document;
            vector.CopyTo(_matrix.AsSpan(row * _dimensions, _dimensions));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(string id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rows.Remove(id, out var row))
            {
                return;
            }

            var last = --_count;
            if (row != last)
            {
                _documents[row] = _documents[last];
                _matrix.AsSpan(last * _dimensions, _dimensions).CopyTo(_matrix.AsSpan(row * _dimensions, _dimensions));
                _rows[_documents[row].Id] = row;
            }

            _documents[last] = null!;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The most similar documents among those the filter lets through, best first, with their cosine similarity.</summary>
    public IReadOnlyList<(IndexedDocument Document, float Similarity)> Search(ReadOnlySpan<float> query, Func<IndexedDocument, bool> allowed, int limit)
    {
        var best = new PriorityQueue<IndexedDocument, float>(limit + 1);
        _lock.EnterReadLock();
        try
        {
            if (query.Length != _dimensions)
            {
                return [];
            }

            var matrix = _matrix.AsSpan(0, _count * _dimensions);
            for (var row = 0; row < _count; row++)
            {
                var document = _documents[row];
                if (!allowed(document))
                {
                    continue;
                }

                var similarity = TensorPrimitives.Dot(query, matrix.Slice(row * _dimensions, _dimensions));
                if (best.Count < limit)
                {
                    best.Enqueue(document, similarity);
                }
                else if (best.TryPeek(out _, out var worst) && similarity > worst)
                {
                    best.EnqueueDequeue(document, similarity);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var result = new (IndexedDocument, float)[best.Count];
        for (var i = result.Length - 1; best.TryDequeue(out var document, out var similarity); i--)
        {
            result[i] = (document, similarity);
        }

        return result;
    }

    public float Similarity(ReadOnlySpan<float> query, string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _rows.TryGetValue(id, out var row) && query.Length == _dimensions
                ? TensorPrimitives.Dot(query, _matrix.AsSpan(row * _dimensions, _dimensions))
                : 0f;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
