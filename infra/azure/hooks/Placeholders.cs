using System.Text.RegularExpressions;

namespace ItsmChatOps.AzureHooks;

/// <summary>Fills <c>${{NAME}}</c> placeholders (the Teams Toolkit convention) in the committed manifests.</summary>
public static partial class Placeholders
{
    public static string Fill(string template, IReadOnlyDictionary<string, string> values, string what)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var filled = Pattern().Replace(template, match =>
            values.TryGetValue(match.Groups[1].Value, out var value) ? value : Missing(missing, match.Value));
        return missing.Count == 0
            ? filled
            : throw new HookException($"{what} has placeholders with no value: {string.Join(", ", missing)}.");
    }

    public static IReadOnlySet<string> Names(string template) =>
        Pattern().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static string Missing(SortedSet<string> missing, string placeholder)
    {
        missing.Add(placeholder);
        return placeholder;
    }

    [GeneratedRegex(@"\$\{\{([A-Z0-9_]+)\}\}")]
    private static partial Regex Pattern();
}
