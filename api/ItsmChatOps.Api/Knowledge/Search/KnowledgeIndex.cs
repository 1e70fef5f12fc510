using System.Collections.Concurrent;
using ItsmChatOps.Api.Client.Knowledge;
using Microsoft.Extensions.AI;

namespace ItsmChatOps.Api.Knowledge.Search;

public enum SearchMode
{
    /// <summary>BM25 (with everyday synonyms) and sentence embeddings, typos corrected, fused by reciprocal rank.</summary>
    Hybrid,

    /// <summary>BM25 on the question as typed: the baseline.</summary>
    Keyword,

    /// <summary>Sentence embeddings only.</summary>
    Vector,
}

public sealed record SearchQuery(string Text, IReadOnlySet<KnowledgeAudience> Audiences, int Limit, double MinimumSimilarity,
    SearchMode Mode = SearchMode.Hybrid, Func<IndexedDocument, bool>? Filter = null);

/// <summary>A ranked document: the fused score scaled to 0–1 and the cosine similarity to the question.</summary>
public sealed record RankedHit(IndexedDocument Document, double Score, double Similarity);

/// <summary>
/// Hybrid retrieval over published knowledge and resolved incidents: BM25 (Lucene) and exact nearest
/// neighbours over sentence embeddings, fused by reciprocal rank. Audience and applicability filters
/// apply before either ranking, so nothing a caller may not see is ever scored for them (KB-07).
/// </summary>
public sealed class KnowledgeIndex(IEmbeddingGenerator<string, Embedding<float>> embeddings, EmbeddingStore stored) : IDisposable
{
    private const int FusionK = 60;

    /// <summary>The keyword ranking's weight in the fusion, the vector ranking's being 1.</summary>
    public const double DefaultKeywordWeight = 1.0;
    private const int Candidates = 50;
    private readonly ConcurrentDictionary<string, IndexedDocument> _documents = new(StringComparer.Ordinal);
    private readonly KeywordIndex _keywords = new();
    private readonly VectorIndex _vectors = new();
    private readonly SpellingCorrector _spelling = new();
    private readonly object _writeLock = new();

    public string ModelId { get; } = embeddings.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";

    public int Count => _documents.Count;

    /// <summary>How much a BM25 rank counts against a vector rank of the same place (reciprocal rank fusion, weighted); the evaluation tunes it.</summary>
    public double KeywordWeight { get; set; } = DefaultKeywordWeight;

    public IndexedDocument? Get(string id) => _documents.GetValueOrDefault(id);

    /// <summary>Adds or replaces documents; embeddings come from the store when the text is unchanged, else from the model (and are stored).</summary>
    public async Task UpsertAsync(IReadOnlyList<IndexedDocument> documents, CancellationToken cancellationToken)
    {
        var vectors = new float[documents.Count][];
        var missing = new List<int>();
        for (var i = 0; i < documents.Count; i++)
        {
            vectors[i] = (await stored.FindAsync(documents[i].Id, ModelId, documents[i].ContentHash, cancellationToken))!;
            if (vectors[i] is null)
            {
                missing.Add(i);
            }
        }

        foreach (var batch in missing.Chunk(64))
        {
            var generated = await embeddings.GenerateAsync(batch.Select(i => documents[i].EmbeddingText), cancellationToken: cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = generated[j].Vector.ToArray();
                await stored.SaveAsync(documents[batch[j]].Id, ModelId, documents[batch[j]].ContentHash, vectors[batch[j]], cancellationToken);
            }
        }

        lock (_writeLock)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                RemoveUnlocked(documents[i].Id);
                _documents[documents[i].Id] = documents[i];
                _keywords.Upsert(documents[i], refresh: false);
                _vectors.Upsert(documents[i], vectors[i]);
                _spelling.Add(SpellingCorrector.Words(documents[i].Text));
            }

            _keywords.Refresh();
        }
    }

    public void Remove(string id)
    {
        lock (_writeLock)
        {
            RemoveUnlocked(id);
            _keywords.Refresh();
        }
    }

    public async Task<IReadOnlyList<RankedHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        bool Allowed(IndexedDocument d) => query.Audiences.Contains(d.Audience) && (query.Filter?.Invoke(d) ?? true);
        if (query.Mode == SearchMode.Keyword)
        {
            return Fuse(_keywords.Search(query.Text, query.Audiences, Candidates * 2).Select(h => h.Id), [], null, query, Allowed);
        }

        var text = _spelling.Correct(query.Text);
        var vector = (await embeddings.GenerateAsync([text], cancellationToken: cancellationToken))[0].Vector.ToArray();
        var byVector = _vectors.Search(vector, Allowed, Candidates).Select(h => h.Document.Id);
        var byKeyword = query.Mode == SearchMode.Hybrid ? _keywords.Search(text, query.Audiences, Candidates * 2, synonyms: true).Select(h => h.Id) : [];
        return Fuse(byKeyword, byVector, vector, query, Allowed);
    }

    private List<RankedHit> Fuse(IEnumerable<string> byKeyword, IEnumerable<string> byVector, float[]? vector, SearchQuery query, Func<IndexedDocument, bool> allowed)
    {
        var scores = new Dictionary<string, (double Score, bool Keyword)>();
        void Add(IEnumerable<string> ranking, bool keyword)
        {
            var weight = keyword && vector is not null ? KeywordWeight : 1.0;
            var rank = 0;
            foreach (var id in ranking)
            {
                if (!_documents.TryGetValue(id, out var document) || !allowed(document))
                {
                    continue;
                }

                rank++;
                var (score, matched) = scores.GetValueOrDefault(id);
                scores[id] = (score + (weight / (FusionK + rank)), matched || keyword);
            }
        }

        Add(byKeyword, keyword: true);
        Add(byVector, keyword: false);
        var best = (KeywordWeight + 1.0) / (FusionK + 1);
        return scores
            .Select(s => (Document: _documents[s.Key], s.Value.Score, s.Value.Keyword, Similarity: vector is null ? 0 : _vectors.Similarity(vector, s.Key)))
            .Where(s => vector is null || s.Similarity >= query.MinimumSimilarity || (s.Keyword && s.Similarity >= query.MinimumSimilarity / 2))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Similarity)
            .Take(query.Limit)
            .Select(s => new RankedHit(s.Document, Math.Round(Math.Min(1, s.Score / best), 3), Math.Round(s.Similarity, 3)))
            .ToList();
    }

    private void RemoveUnlocked(string id)
    {
        if (_documents.TryRemove(id, out var old))
        {
            _spelling.Remove(SpellingCorrector.Words(old.Text));
        }

        _keywords.Remove(id, refresh: false);
        _vectors.Remove(id);
    }

    public void Dispose() => _keywords.Dispose();
}
