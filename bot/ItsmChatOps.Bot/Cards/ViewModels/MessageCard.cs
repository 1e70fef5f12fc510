namespace ItsmChatOps.Bot.Cards.ViewModels;

public enum MessageKind
{
    Info,
    Success,
    Warning,
    Error,
}

/// <summary>A plain notice or error, with optional detail and one follow-up action (try again, get help).</summary>
public sealed record MessageCard(MessageKind Kind, string Title, string Text, string? Detail, MessageAction? Action) : ICardModel
{
    public static string TemplateName => "message";
}

/// <summary>A button that sends <see cref="Verb"/> (one of <see cref="CardVerbs.All"/>) with string arguments.</summary>
public sealed record MessageAction(string Title, string Verb, IReadOnlyDictionary<string, string> Arguments)
{
    /// <summary>The action data as the bot's router reads it: the verb plus the arguments.</summary>
    public IReadOnlyDictionary<string, string> Data =>
        new Dictionary<string, string>(Arguments, StringComparer.Ordinal) { ["verb"] = Verb };
}

/// <summary>What the bot can do; <see cref="IsWelcome"/> adds the greeting for a first conversation.</summary>
public sealed record HelpCard(string? FirstName, bool IsWelcome) : ICardModel
{
    public static string TemplateName => "help";
}
