namespace ItsmChatOps.Deployment.Tests.Settings;

/// <summary>
/// Configuration keys as patterns: segments separated by ':', compared without case, where <c>*</c>
/// stands for any one segment (an array index or a dictionary key). App Service settings use <c>__</c>.
/// </summary>
public static class SettingKey
{
    public static string FromEnvironmentName(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    public static string Join(string prefix, string key) => prefix.Length == 0 ? key : key.Length == 0 ? prefix : $"{prefix}:{key}";

    /// <summary>Whether a concrete key (e.g. <c>A:B:0</c>) is matched by a pattern (e.g. <c>A:B:*</c>).</summary>
    public static bool Matches(string pattern, string key)
    {
        var p = Split(pattern);
        var k = Split(key);
        return p.Length == k.Length && p.Zip(k).All(pair => pair.First == "*" || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the key lies under (or is) the section.</summary>
    public static bool IsUnder(string section, string key)
    {
        var s = Split(section);
        var k = Split(key);
        return k.Length >= s.Length && s.Zip(k).All(pair => pair.First == "*" || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The first segment, which names the section a feature owns (<c>Api</c>, <c>Slack</c>).</summary>
    public static string TopSection(string key) => Split(key)[0];

    private static string[] Split(string key) => key.Split(':');
}
