namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>Picks the sentences of a text that share the most (stemmed) words with a question: snippets and extractive answers.</summary>
public static class Passages
{
    private const int SnippetLength = 280;

    public static IReadOnlyList<string> Best(string text, string question, int count)
    {
        var wanted = KeywordIndex.Terms(question).ToHashSet(StringComparer.Ordinal);
        var sentences = Sentences(text).ToList();
        return sentences
            .Select((sentence, position) =>
            {
                var terms = KeywordIndex.Terms(sentence);
                var overlap = terms.Distinct().Count(wanted.Contains);
                return (sentence, position, score: overlap / Math.Sqrt(Math.Max(terms.Count, 1)) - (position * 0.001));
            })
            .OrderByDescending(s => s.score)
            .Take(count)
            .OrderBy(s => s.position)
            .Select(s => s.sentence)
            .ToList();
    }

    /// <summary>What a result shows: a known error shows its workaround, what the person can do now (KB-05); other items their best sentences.</summary>
    public static string SnippetOf(IndexedDocument document, string question) =>
        document.Kind == Client.Knowledge.KnowledgeKind.KnownError && WorkaroundLine(document.QuotedText) is { } workaround
            ? Clip(workaround)
            : Snippet(document.QuotedText, question);

    private static string? WorkaroundLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => l.StartsWith("Workaround: ", StringComparison.Ordinal) && !l.Equals("Workaround: none yet.", StringComparison.Ordinal));

    private static string Clip(string text) => text.Length <= SnippetLength ? text : text[..(SnippetLength - 1)].TrimEnd() + "…";

    public static string Snippet(string text, string question)
    {
        return Clip(string.Join(" ", Best(text, question, 2)));
    }

    private static IEnumerable<string> Sentences(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] is '.' or '?' or '!' && (i == line.Length - 1 || line[i + 1] == ' '))
                {
                    yield return line[start..(i + 1)].Trim();
                    start = i + 1;
                }
            }

            if (start < line.Length && line[start..].Trim() is { Length: > 0 } rest)
            {
                yield return rest;
            }
        }
    }
}
