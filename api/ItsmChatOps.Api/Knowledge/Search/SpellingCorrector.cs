using System.Collections.Concurrent;
using System.Text;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// Fixes typos in questions ("pasword", "outlok") against the words of the indexed documents: a word
/// the index does not know is replaced by the most frequent known word within one edit (two for long
/// words), transpositions included. The sentence model and BM25 both read the corrected question.
/// </summary>
public sealed class SpellingCorrector
{
    private const int MinimumLength = 4;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    // Words by length: a candidate differs in length by at most the edits allowed, so only a few lengths are scanned.
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, bool>> _byLength = new();

    // Corrections already worked out, valid until a word joins or leaves the vocabulary: questions repeat their words.
    private readonly ConcurrentDictionary<string, string> _corrections = new(StringComparer.Ordinal);

    public void Add(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            if (_counts.AddOrUpdate(word, 1, (_, count) => count + 1) == 1)
            {
                _byLength.GetOrAdd(word.Length, _ => new(StringComparer.Ordinal))[word] = true;
                _corrections.Clear();
            }
        }
    }

    public void Remove(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            if (_counts.AddOrUpdate(word, 0, (_, count) => count - 1) <= 0)
            {
                _counts.TryRemove(word, out _);
                if (_byLength.TryGetValue(word.Length, out var sameLength))
                {
                    sameLength.TryRemove(word, out _);
                }

                _corrections.Clear();
            }
        }
    }

    /// <summary>The lower-cased words of a text, as the vocabulary keeps them.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }

    public string Correct(string text)
    {
        var result = new StringBuilder(text.Length);
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetter(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                result.Append(CorrectWord(word.ToString()));
                word.Clear();
            }

            result.Append(c);
        }

        return result.ToString(0, result.Length - 1);
    }

    private string CorrectWord(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Length < MinimumLength || _counts.ContainsKey(lower) || Synonyms.Words.Contains(lower))
        {
            return word;
        }

        if (_corrections.TryGetValue(lower, out var known))
        {
            return known.Length == 0 ? word : known;
        }

        var corrected = Nearest(lower);
        _corrections[lower] = corrected ?? string.Empty;
        return corrected ?? word;
    }

    private string? Nearest(string lower)
    {
        var maxEdits = lower.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestEdits = int.MaxValue;
        var bestCount = 0;
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[lower.Length + maxEdits + 1];
        }

        // Enumerating the dictionaries themselves: their Keys property would copy every word under all locks.
        for (var length = lower.Length - maxEdits; length <= lower.Length + maxEdits; length++)
        {
            if (!_byLength.TryGetValue(length, out var words))
            {
                continue;
            }

            foreach (var (candidate, _) in words)
            {
                var edits = Distance(lower, candidate, maxEdits, rows);
                if (edits > maxEdits || edits > bestEdits)
                {
                    continue;
                }

                var count = _counts.GetValueOrDefault(candidate);
                if (edits < bestEdits || count > bestCount)
                {
                    (best, bestEdits, bestCount) = (candidate, edits, count);
                }
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance, giving up past <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit, int[][] rows)
    {
        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var (older, previous, current) = (rows[(i + 1) % 3], rows[(i + 2) % 3], rows[i % 3]);
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, older[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }
        }

        return rows[a.Length % 3][b.Length];
    }
}
