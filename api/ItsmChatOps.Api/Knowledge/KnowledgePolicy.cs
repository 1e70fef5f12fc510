namespace ItsmChatOps.Api.Knowledge;

/// <summary>The configurable rules of the knowledge base (KB-04, KB-06) and of its search.</summary>
public sealed record KnowledgePolicy
{
    /// <summary>KB-04: items with fewer helpful votes than this share, over at least <see cref="FeedbackMinimumVotes"/>, are flagged to their owner.</summary>
    public double FlagBelowHelpfulRate { get; init; } = 0.5;
    public int FeedbackMinimumVotes { get; init; } = 10;

    /// <summary>KB-06: months from publication to the owner's review reminder.</summary>
    public int ReviewMonths { get; init; } = 12;

    /// <summary>Search: a hit needs at least this cosine similarity, or a keyword match and half of it.</summary>
    public double MinimumSimilarity { get; init; } = 0.32;

    /// <summary>KB-01: how many items an answer offers.</summary>
    public int AnswerSources { get; init; } = 3;
}
