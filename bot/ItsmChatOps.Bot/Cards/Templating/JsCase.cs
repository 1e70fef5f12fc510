namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>
/// JavaScript's toUpperCase/toLowerCase use Unicode's full case mappings, where a few characters
/// change length (ß becomes SS); .NET maps one character to one. The common ones are mapped here,
/// the rest are refused rather than cased differently.
/// </summary>
internal static class JsCase
{
    private static readonly Dictionary<char, string> UpperExpansions = new()
    {
        ['ß'] = "SS", ['\uFB00'] = "FF", ['\uFB01'] = "FI", ['\uFB02'] = "FL", ['\uFB03'] = "FFI", ['\uFB04'] = "FFL",
        ['\uFB05'] = "ST", ['\uFB06'] = "ST",
    };

    public static string ToUpper(string text)
    {
        foreach (var c in text)
        {
            if (!UpperExpansions.ContainsKey(c) && IsUnsupportedUpper(c))
            {
                throw new TemplateException($"toUpper cannot change the case of '{c}' the way JavaScript does.");
            }
        }
        return string.Concat(text.Select(c => UpperExpansions.TryGetValue(c, out var s) ? s : c.ToString())).ToUpperInvariant();
    }

    public static string ToLower(string text) =>
        text.Contains('\u0130', StringComparison.Ordinal) || text.Contains('\u03A3', StringComparison.Ordinal)
            ? throw new TemplateException("toLower cannot change the case of 'İ' or 'Σ' the way JavaScript does.")
            : text.ToLowerInvariant();

    /// <summary>Other characters whose uppercase is longer than one character (Unicode SpecialCasing).</summary>
    private static bool IsUnsupportedUpper(char c) =>
        c is '\u0149' or '\u01F0' or '\u0390' or '\u03B0' or '\u0587'
        || c is >= '\u1E96' and <= '\u1E9A'
        || c is >= '\u1F50' and <= '\u1FFC'
        || c is >= '\uFB13' and <= '\uFB17';
}
