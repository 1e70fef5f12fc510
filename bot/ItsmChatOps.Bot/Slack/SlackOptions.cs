namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// The <c>Slack</c> configuration section: the app's signing secret (verifies every request Slack sends)
/// and the bot token (<c>xoxb-…</c>, for the Web API). Both come from Key Vault in Azure. Without a signing
/// secret the Slack endpoints refuse every request.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    public string? SigningSecret { get; set; }

    public string? BotToken { get; set; }

    /// <summary>The Web API's base address; tests point it elsewhere.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How many times a call refused with 429 is retried after the Retry-After Slack names.</summary>
    public int MaxRateLimitRetries { get; set; } = 2;

    /// <summary>
    /// The emoji (names without colons, comma-separated) whose reaction on a message in a war room puts that message on the
    /// major incident's timeline (MAJ-05). A single string, so configuration replaces the default instead of adding to it.
    /// </summary>
    public string TimelineReactions { get; set; } = "pushpin";

    public IReadOnlyCollection<string> TimelineEmoji =>
        [.. TimelineReactions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => e.Trim(':'))];

    /// <summary>The longest Retry-After the client waits for; a longer one fails the call instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
