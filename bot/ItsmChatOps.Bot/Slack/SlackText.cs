using System.Text.RegularExpressions;

namespace ItsmChatOps.Bot.Slack;

/// <summary>The bot's Markdown (what Teams and Web Chat show) as Slack mrkdwn: <c>**bold**</c> → <c>*bold*</c>, <c>*italic*</c> → <c>_italic_</c>.</summary>
public static partial class SlackText
{
    public static string FromMarkdown(string markdown)
    {
        var escaped = markdown.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        var italic = Italic().Replace(escaped, "_$1_");
        return Bold().Replace(italic, "*$1*");
    }

    [GeneratedRegex(@"(?<!\*)\*(?!\*)([^*\n]+?)(?<!\*)\*(?!\*)")]
    private static partial Regex Italic();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();
}
