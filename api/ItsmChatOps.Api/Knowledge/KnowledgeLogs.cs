using System.Text.Json.Nodes;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>A question put to the knowledge base: for the most-asked report and for unanswered queries (KB-10).</summary>
public sealed class AskedQuestionEntry
{
    public required string Id { get; init; }
    public required string Question { get; init; }

    /// <summary>The question lower-cased with its words in order, so that trivially different spellings group together.</summary>
    public required string Key { get; init; }
    public required string AskedBy { get; init; }
    public required DateTimeOffset At { get; init; }
    public required int Hits { get; init; }
    public List<string> TopIds { get; init; } = [];
}

/// <summary>One "Did this help?" vote, per item, person and time (KB-04).</summary>
public sealed class FeedbackVote
{
    public required string Id { get; init; }
    public required string ItemId { get; init; }
    public required string PersonId { get; init; }
    public required bool Helpful { get; init; }
    public string? Comment { get; init; }
    public string? Question { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>The question log and the feedback votes, each in its partition, ordered by time.</summary>
public sealed class KnowledgeLogs(IDocumentStore store, Partitions partitions)
{
    private readonly RecordCollection<AskedQuestionEntry> _questions = new(store, partitions.For("knowledge-question"));
    private readonly RecordCollection<FeedbackVote> _votes = new(store, partitions.For("knowledge-feedback"));

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("knowledge-question-at", "knowledge-question", new SortKey("at", Descending: true));
        services.AddStorageIndex("knowledge-feedback-item", "knowledge-feedback", new SortKey("itemId"), new SortKey("at", Descending: true));
    }

    public async Task RecordQuestionAsync(string question, string askedBy, DateTimeOffset at, IReadOnlyList<string> topIds, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await _questions.CreateAsync(id, new AskedQuestionEntry
        {
            Id = id,
            Question = question.Trim(),
            Key = string.Join(' ', Search.SpellingCorrector.Words(question)),
            AskedBy = askedBy,
            At = at,
            Hits = topIds.Count,
            TopIds = [.. topIds],
        }, cancellationToken);
    }

    public async Task RecordVoteAsync(FeedbackVote vote, CancellationToken cancellationToken) =>
        await _votes.CreateAsync(vote.Id, vote, cancellationToken);

    /// <summary>Questions asked from <paramref name="from"/> up to and including <paramref name="to"/>, newest first.</summary>
    public async Task<List<AskedQuestionEntry>> QuestionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var result = new List<AskedQuestionEntry>();
        await foreach (var entry in _questions.QueryAllAsync(new DocumentQuery
        {
            Where =
            [
                new Compare("at", CompareOp.GreaterOrEqual, JsonValue.Create(Client.UtcTimestampConverter.Text(from))),
                new Compare("at", CompareOp.LessOrEqual, JsonValue.Create(Client.UtcTimestampConverter.Text(to))),
            ],
            OrderBy = [new SortKey("at", Descending: true)],
            PageSize = 500,
        }, cancellationToken))
        {
            result.Add(entry.Value);
        }

        return result;
    }

    public async Task<List<FeedbackVote>> VotesAsync(string itemId, CancellationToken cancellationToken)
    {
        var result = new List<FeedbackVote>();
        await foreach (var vote in _votes.QueryAllAsync(new DocumentQuery
        {
            Where = [new Eq("itemId", JsonValue.Create(itemId))],
            OrderBy = [new SortKey("itemId"), new SortKey("at", Descending: true)],
            PageSize = 500,
        }, cancellationToken))
        {
            result.Add(vote.Value);
        }

        return result;
    }
}
