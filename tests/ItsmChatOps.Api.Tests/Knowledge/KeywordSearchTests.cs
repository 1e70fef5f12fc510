using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Knowledge.Search;

namespace ItsmChatOps.Api.Tests.Knowledge;

/// <summary>
/// The keyword side of hybrid search on its own: everyday words reach the article's words through synonyms, which
/// count for less than the words typed, and the audience filter holds whatever the expansion (KB-01, KB-07).
/// </summary>
public sealed class KeywordSearchTests : IDisposable
{
    private static readonly HashSet<KnowledgeAudience> Customers = [KnowledgeAudience.Customers];
    private readonly KeywordIndex _index = new();

    public KeywordSearchTests()
    {
        _index.Upsert(Doc("KB-1", "Share your calendar with an assistant", "Give a colleague delegate access to your calendar in Outlook.", KnowledgeAudience.Customers));
        _index.Upsert(Doc("KB-2", "Recover a deleted email", "Deleted items stay in the Deleted Items folder for 30 days.", KnowledgeAudience.Customers));
        _index.Upsert(Doc("KB-3", "Calendar delegation for executives", "Agents set delegate calendar access for executives.", KnowledgeAudience.Agents));
        _index.Upsert(Doc("KB-4", "Diary of office moves", "The diary lists the dates of the office moves.", KnowledgeAudience.Customers));
    }

    [Fact]
    [Trait("Requirement", "KB-01")]
    public void Search_EverydayWord_FindsTheArticleOnlyWithSynonyms()
    {
        Assert.DoesNotContain(_index.Search("my boss wants my diary", Customers, 10), h => h.Id == "KB-1");

        var hits = _index.Search("my boss wants my diary", Customers, 10, synonyms: true);

        Assert.Contains(hits, h => h.Id == "KB-1");
        Assert.Equal("KB-4", hits[0].Id); // the word typed counts for more than its synonym
        Assert.Contains(_index.Search("binned an important mail", Customers, 10, synonyms: true), h => h.Id == "KB-2");
    }

    [Fact]
    [Trait("Requirement", "KB-07")]
    public void Search_Synonyms_NeverReachAnotherAudiencesItem()
    {
        var hits = _index.Search("delegate my diary", Customers, 10, synonyms: true);

        Assert.DoesNotContain(hits, h => h.Id == "KB-3");
        Assert.Contains(_index.Search("delegate my diary", new HashSet<KnowledgeAudience> { KnowledgeAudience.Customers, KnowledgeAudience.Agents }, 10, synonyms: true), h => h.Id == "KB-3");
    }

    [Fact]
    public void Search_VeryLongQuestion_ExpansionStaysWithinTheClauseLimit()
    {
        var question = string.Join(' ', Enumerable.Repeat("laptop screen wifi printer phone password email calendar slow crash drive access", 15))
            + " " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));

        var hits = _index.Search(question, Customers, 10, synonyms: true);

        Assert.NotEmpty(hits);
    }

    public void Dispose() => _index.Dispose();

    private static IndexedDocument Doc(string id, string title, string body, KnowledgeAudience audience) =>
        new(id, HitSource.KnowledgeItem, KnowledgeKind.Article, audience, title, $"{title}\n{body}", [], []);
}
