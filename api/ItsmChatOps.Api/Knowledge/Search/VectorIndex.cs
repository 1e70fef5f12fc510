using System.Collections.Concurrent;
using System.Numerics;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// Exact nearest neighbours over unit-length sentence embeddings: a dot product per document. At ten
/// thousand 384-float vectors this is a few milliseconds, so no approximate index is needed yet.
/// </summary>
public sealed class VectorIndex
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public int Count => _vectors.Count;

    public void Upsert(string id, float[] vector) => _vectors[id] = vector;

    public void Remove(string id) => _vectors.TryRemove(id, out _);

    /// <summary>The most similar documents among those the filter lets through, best first, with their cosine similarity.</summary>
    public IReadOnlyList<(string Id, float Similarity)> Search(ReadOnlySpan<float> query, Func<string, bool> allowed, int limit)
    {
        var best = new PriorityQueue<string, float>(limit + 1);
        var queryArray = query.ToArray();
        foreach (var (id, vector) in _vectors)
        {
            if (!allowed(id))
            {
                continue;
            }

            var similarity = Dot(queryArray, vector);
            if (best.Count < limit)
            {
                best.Enqueue(id, similarity);
            }
            else if (best.TryPeek(out _, out var worst) && similarity > worst)
            {
                best.EnqueueDequeue(id, similarity);
            }
        }

        var result = new List<(string, float)>(best.Count);
        while (best.TryDequeue(out var id, out var similarity))
        {
            result.Add((id, similarity));
        }

        result.Reverse();
        return result;
    }

    public float Similarity(ReadOnlySpan<float> query, string id) =>
        _vectors.TryGetValue(id, out var vector) ? Dot(query.ToArray(), vector) : 0f;

    public static float Dot(float[] a, float[] b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a, i) * new Vector<float>(b, i);
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
