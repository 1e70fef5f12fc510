using System.Text;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.ServiceCatalog;

namespace ItsmChatOps.Api.Incidents.Intake;

/// <summary>
/// Reads free text ("outlok keeps askin for my pasword, urgent!") into a prefilled incident: summary,
/// service, category, impact, urgency and a security hint, tolerant of typos (a word matches a keyword
/// one or two edits away), and says which fields it could not infer so the form asks only those (INC-01).
/// </summary>
public static class IncidentIntake
{
    private const double ConfidentService = 0.6;

    public static IncidentDraft Draft(string text, IReadOnlyList<Service> services, IntakePolicy policy)
    {
        var normalized = Normalize(text);
        var tokens = Tokens(normalized);
        var liveServices = services.Where(s => s.Status == ServiceStatus.Live && s.Id != Service.UnknownTriageId).ToList();
        var serviceScores = liveServices
            .Select(s => (Service: s, Score: Score(normalized, tokens, s.Keywords.Append(s.Name))))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ToList();
        var best = serviceScores.FirstOrDefault();
        var confidence = best.Service is null ? 0 : best.Score / (best.Score + (serviceScores.Count > 1 ? serviceScores[1].Score : 0) + 0.5);
        var category = policy.Categories
            .Select(c => (c.Category, Score: Score(normalized, tokens, c.Keywords)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .Select(c => c.Category)
            .FirstOrDefault();
        var impact = Strongest(normalized, tokens, policy.ImpactCues);
        var urgency = Strongest(normalized, tokens, policy.UrgencyCues);
        var security = Score(normalized, tokens, policy.SecurityCues) > 0 || category?.StartsWith("Security", StringComparison.Ordinal) == true;

        var summary = Summary(text);
        var stillNeeded = new List<string>();
        if (best.Service is null || confidence < ConfidentService)
        {
            stillNeeded.Add("serviceId");
        }

        if (impact is null)
        {
            stillNeeded.Add("impact");
        }

        if (urgency is null)
        {
            stillNeeded.Add("urgency");
        }

        return new IncidentDraft
        {
            Summary = summary,
            Description = text.Trim().Length > summary.Length ? text.Trim() : null,
            ServiceId = best.Service?.Id,
            ServiceConfidence = Math.Round(confidence, 2),
            Category = category,
            Impact = impact,
            Urgency = urgency,
            LooksLikeSecurityIssue = security,
            StillNeeded = stillNeeded,
        };
    }

    /// <summary>The cue level with the most matches; ties go to the more severe level (listed first).</summary>
    private static T? Strongest<T>(string normalized, IReadOnlyList<string> tokens, Dictionary<T, List<string>> cues) where T : struct, Enum =>
        cues.Select(c => (Level: c.Key, Score: Score(normalized, tokens, c.Value)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Level)
            .Select(c => (T?)c.Level)
            .FirstOrDefault();

    private static double Score(string normalized, IReadOnlyList<string> tokens, IEnumerable<string> keywords)
    {
        double score = 0;
        foreach (var keyword in keywords.Select(Normalize).Where(k => k.Length > 0).Distinct())
        {
            var parts = Tokens(keyword);
            if (parts.Count > 1 ? ContainsPhrase(normalized, tokens, parts) : tokens.Any(t => Similar(t, parts[0])))
            {
                score += parts.Count > 1 ? 1.5 : 1;
            }
        }

        return score;
    }

    private static bool ContainsPhrase(string normalized, IReadOnlyList<string> tokens, List<string> parts)
    {
        if (normalized.Contains(string.Join(' ', parts), StringComparison.Ordinal))
        {
            return true;
        }

        for (var i = 0; i + parts.Count <= tokens.Count; i++)
        {
            if (parts.Select((p, j) => Similar(tokens[i + j], p)).All(match => match))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Equal, or a typo away: one edit for words of 4–7 letters, two from 8.</summary>
    public static bool Similar(string word, string keyword)
    {
        if (word == keyword)
        {
            return true;
        }

        var allowed = keyword.Length >= 8 ? 2 : keyword.Length >= 4 ? 1 : 0;
        return allowed > 0 && Math.Abs(word.Length - keyword.Length) <= allowed && EditDistance(word, keyword) <= allowed;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Summary(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOfAny(['.', '!', '?', '\n']);
        var first = (end > 10 ? trimmed[..end] : trimmed).Trim();
        if (first.Length > 120)
        {
            var cut = first.LastIndexOf(' ', 117);
            first = first[..(cut > 60 ? cut : 117)].TrimEnd(',', ';', ' ') + "…";
        }

        return first.Length == 0 ? "Problem reported in chat" : char.ToUpperInvariant(first[0]) + first[1..];
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Replace('’', '\''))
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '\'' or '-' ? c : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static List<string> Tokens(string normalized) => [.. normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
