using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// Search, answers and suggested fixes for a caller: the index is brought up to the event feed first,
/// the caller's audiences filter before ranking (KB-07), and every answer names its sources; when none
/// supports one the answer is "I don't know" with an offer to raise an incident (KB-01).
/// </summary>
public sealed class KnowledgeAnswers(
    KnowledgeIndex index,
    KnowledgeIndexer indexer,
    KnowledgeService knowledge,
    KnowledgeLogs logs,
    GroundedAnswerer grounded,
    TimeProvider time)
{
    public const string NoAnswerText = "I don't know: nothing in the knowledge base answers that. You can raise an incident and the service desk will help.";

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Caller caller, string question, string? serviceId, int limit, CancellationToken cancellationToken)
    {
        var hits = await RetrieveAsync(caller, question, limit, serviceId is null ? null : d => d.AppliesTo(serviceId, []), cancellationToken);
        return hits.Select(h => ToHit(h, question)).ToList();
    }

    public async Task<AnswerResponse> AnswerAsync(Caller caller, AnswerRequest request, CancellationToken cancellationToken)
    {
        var question = request.Question!.Trim();
        var policy = await knowledge.PolicyAsync(cancellationToken);
        var hits = await RetrieveAsync(caller, question, policy.AnswerSources, request.ServiceId is { } service ? d => d.AppliesTo(service, []) : null, cancellationToken);
        var answer = hits.Count == 0 ? NoAnswer(question) : await ComposeAsync(question, hits, cancellationToken);
        await logs.RecordQuestionAsync(question, caller.Id, time.GetUtcNow(), answer.Sources.Select(s => s.Id).ToList(), cancellationToken);
        return answer;
    }

    /// <summary>INC-09: published items and resolved incidents about the incident's service or CIs, best three first.</summary>
    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(Caller caller, Incident incident, CancellationToken cancellationToken) =>
        await SuggestAsync(await knowledge.AudiencesAsync(caller, cancellationToken), incident, cancellationToken);

    /// <summary>INC-09 for whoever works the incident: what <paramref name="audiences"/> may read, best three first.</summary>
    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(IReadOnlySet<KnowledgeAudience> audiences, Incident incident, CancellationToken cancellationToken)
    {
        var text = string.Join(". ", new[] { incident.Summary, incident.Description, incident.Category }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var hits = await RetrieveAsync(audiences, text, 3, d => d.Id != incident.Id && d.AppliesTo(incident.ServiceId, incident.CiIds), cancellationToken);
        return hits.Select(h => ToHit(h, text)).ToList();
    }

    private async Task<IReadOnlyList<RankedHit>> RetrieveAsync(Caller caller, string question, int limit, Func<IndexedDocument, bool>? filter, CancellationToken cancellationToken) =>
        await RetrieveAsync(await knowledge.AudiencesAsync(caller, cancellationToken), question, limit, filter, cancellationToken);

    private async Task<IReadOnlyList<RankedHit>> RetrieveAsync(IReadOnlySet<KnowledgeAudience> audiences, string question, int limit, Func<IndexedDocument, bool>? filter,
        CancellationToken cancellationToken)
    {
        await indexer.CatchUpAsync(cancellationToken);
        var policy = await knowledge.PolicyAsync(cancellationToken);
        return await index.SearchAsync(new SearchQuery(question, audiences, limit, policy.MinimumSimilarity, Filter: filter), cancellationToken);
    }

    private async Task<AnswerResponse> ComposeAsync(string question, IReadOnlyList<RankedHit> hits, CancellationToken cancellationToken)
    {
        var sources = hits.Select(h => ToSource(h, question)).ToList();
        var generated = await grounded.AnswerAsync(question, hits.Select(h => h.Document).ToList(), cancellationToken);
        if (generated is { Supported: false })
        {
            return NoAnswer(question);
        }

        if (generated is { } model)
        {
            return new AnswerResponse
            {
                Question = question,
                Mode = AnswerMode.Generated,
                Answer = model.Answer,
                Sources = model.Citations.Select(id => sources.Single(s => s.Id == id)).ToList(),
            };
        }

        var best = hits[0].Document;
        return new AnswerResponse
        {
            Question = question,
            Mode = AnswerMode.Extractive,
            Answer = $"{best.Title}: {string.Join(" ", Passages.Best(best.QuotedText, question, 3))}",
            Sources = sources,
        };
    }

    private static AnswerResponse NoAnswer(string question) =>
        new() { Question = question, Mode = AnswerMode.NoAnswer, Answer = NoAnswerText, SuggestRaiseIncident = true };

    private static AnswerSource ToSource(RankedHit hit, string question) =>
        new(hit.Document.Id, hit.Document.Source, hit.Document.Kind, hit.Document.Title, hit.Document.Link, Passages.SnippetOf(hit.Document, question), hit.Score);

    private static SearchHit ToHit(RankedHit hit, string question) => new()
    {
        Id = hit.Document.Id,
        Source = hit.Document.Source,
        Kind = hit.Document.Kind,
        Title = hit.Document.Title,
        Snippet = Passages.SnippetOf(hit.Document, question),
        Link = hit.Document.Link,
        Score = hit.Score,
        Similarity = hit.Similarity,
        ServiceIds = hit.Document.ServiceIds,
    };
}
