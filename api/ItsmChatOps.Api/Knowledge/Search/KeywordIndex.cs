using ItsmChatOps.Api.Client.Knowledge;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// Keyword ranking with Lucene.Net: English analysis (stop words, possessives, Porter stemming) and
/// BM25, over an in-memory index rebuilt from the store at start. The audience filter is part of the
/// search itself, so documents a caller may not see are never ranked. The audience filter is cached per audience
/// set and per segment, and hits are named from the field cache rather than by loading stored documents.
/// </summary>
public sealed class KeywordIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly Analyzer English = new EnglishAnalyzer(Version);
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Filter> _audienceFilters = new(StringComparer.Ordinal);

    public KeywordIndex()
    {
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, English) { Similarity = new BM25Similarity() });
        _searchers = new SearcherManager(_writer, true, new Bm25Searchers());
    }

    /// <summary>The stemmed terms of a text, as the index sees them.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = English.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    public void Upsert(IndexedDocument document, bool refresh = true)
    {
        _writer.UpdateDocument(new Term("id", document.Id),
        [
            new StringField("id", document.Id, Field.Store.YES),
            new StringField("audience", document.Audience.ToString(), Field.Store.NO),
            new TextField("title", document.Title, Field.Store.NO),
            new TextField("text", document.Text, Field.Store.NO),
        ]);
        if (refresh)
        {
            Refresh();
        }
    }

    public void Remove(string id, bool refresh = true)
    {
        _writer.DeleteDocuments(new Term("id", id));
        if (refresh)
        {
            Refresh();
        }
    }

    public void Refresh() => _searchers.MaybeRefreshBlocking();

    /// <summary>Ids and BM25 scores of the best matches among documents for the given audiences, best first.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(string query, IReadOnlySet<KnowledgeAudience> audiences, int limit, bool synonyms = false)
    {
        var terms = Terms(query).Distinct().ToList();
        if (terms.Count == 0 || audiences.Count == 0)
        {
            return [];
        }

        var match = new BooleanQuery();
        foreach (var term in terms)
        {
            match.Add(new TermQuery(new Term("title", term)) { Boost = 2f }, Occur.SHOULD);
            match.Add(new TermQuery(new Term("text", term)), Occur.SHOULD);
        }

        foreach (var synonym in synonyms ? terms.SelectMany(Synonyms.Of).Distinct().Except(terms).Take(Synonyms.MaxTerms) : [])
        {
            match.Add(new TermQuery(new Term("title", synonym)) { Boost = 2f * Synonyms.Boost }, Occur.SHOULD);
            match.Add(new TermQuery(new Term("text", synonym)) { Boost = Synonyms.Boost }, Occur.SHOULD);
        }

        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(match, AudienceFilter(audiences), limit);
            var leaves = searcher.IndexReader.Leaves;
            var id = new BytesRef();
            var result = new List<(string, float)>(top.ScoreDocs.Length);
            foreach (var hit in top.ScoreDocs)
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                FieldCache.DEFAULT.GetTerms(leaf.AtomicReader, "id", false).Get(hit.Doc - leaf.DocBase, id);
                result.Add((id.Utf8ToString(), hit.Score));
            }

            return result;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private Filter AudienceFilter(IReadOnlySet<KnowledgeAudience> audiences) =>
        _audienceFilters.GetOrAdd(string.Join(',', audiences.Order()), _ =>
        {
            var allowed = new BooleanQuery();
            foreach (var audience in audiences)
            {
                allowed.Add(new TermQuery(new Term("audience", audience.ToString())), Occur.SHOULD);
            }

            return new CachingWrapperFilter(new QueryWrapperFilter(allowed));
        });

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
