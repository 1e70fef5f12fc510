using System.Diagnostics;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Knowledge.Search;

namespace ItsmChatOps.KnowledgeEvaluation;

public sealed record EvaluationResult(double RecallAt1, double RecallAt3, double Mrr, double P50, double P95);

/// <summary>Retrieval quality (recall@k: a right item in the first k; MRR: mean of 1 / rank of the first right item) and search latency.</summary>
public static class Evaluation
{
    public static async Task<EvaluationResult> RunAsync(KnowledgeIndex index, IReadOnlyList<(string Question, string[] Answers)> questions,
        IReadOnlySet<KnowledgeAudience> audiences, SearchMode mode, double minimumSimilarity)
    {
        // One untimed pass first, so every mode is measured warm (JIT, caches, the index's first reads).
        foreach (var (question, _) in questions)
        {
            await index.SearchAsync(new SearchQuery(question, audiences, 10, minimumSimilarity, mode), CancellationToken.None);
        }

        var (at1, at3, reciprocal) = (0, 0, 0.0);
        var latencies = new List<double>();
        foreach (var (question, answers) in questions)
        {
            var started = Stopwatch.GetTimestamp();
            var hits = await index.SearchAsync(new SearchQuery(question, audiences, 10, minimumSimilarity, mode), CancellationToken.None);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var rank = hits.Select((h, i) => (h.Document.Id, Rank: i + 1)).FirstOrDefault(h => answers.Contains(h.Id)).Rank;
            at1 += rank == 1 ? 1 : 0;
            at3 += rank is >= 1 and <= 3 ? 1 : 0;
            reciprocal += rank > 0 ? 1.0 / rank : 0;
        }

        var n = (double)questions.Count;
        return new EvaluationResult(at1 / n, at3 / n, reciprocal / n, Percentile(latencies, 0.5), Percentile(latencies, 0.95));
    }

    public static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
