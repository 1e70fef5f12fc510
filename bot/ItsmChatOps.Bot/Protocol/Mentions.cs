using System.Text.RegularExpressions;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>
/// Text of a message without the @mention of the bot. Identity comes from the mention entities, never
/// from the text: mentions of the recipient are removed (entity <c>text</c>, or <c>&lt;at&gt;name&lt;/at&gt;</c>
/// when absent), then any other <c>&lt;at&gt;…&lt;/at&gt;</c> tag is unwrapped to its name.
/// </summary>
public static partial class Mentions
{
    public static string TextWithoutBotMention(Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Type != Entity.MentionType || entity.Mentioned is null || botId is null
                || !string.Equals(entity.Mentioned.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var mentionText = entity.Text ?? $"<at>{entity.Mentioned.Name}</at>";
            text = Regex.Replace(text, Regex.Escape(mentionText), string.Empty, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        return AtTag().Replace(text, "$1").Trim();
    }

    [GeneratedRegex("<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AtTag();
}
