using System.Text.Json;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Application;

/// <summary>How a card action reached the bot.</summary>
public enum CardActionSource
{
    /// <summary><c>Action.Execute</c>: an <c>invoke</c> named <c>adaptiveCard/action</c>, answered in the HTTP response.</summary>
    Execute,

    /// <summary><c>Action.Submit</c>: a <c>message</c> whose <c>value</c> carries the data (Web Chat, older clients).</summary>
    Submit,
}

/// <summary>
/// A click on a card button, the same whichever way it arrived. <see cref="Data"/> holds the action's
/// data merged with the card's input values (both paths merge them the same way). <see cref="IsRefresh"/>
/// marks Teams asking for a card's current version by itself (a <c>refresh</c> action, trigger "automatic").
/// </summary>
public sealed record CardAction(string Verb, JsonElement Data, CardActionSource Source, string? CardActivityId, bool IsRefresh = false)
{
    public const string InvokeName = "adaptiveCard/action";

    /// <summary>Reads the card action of an activity, or null when the activity is not one.</summary>
    public static CardAction? From(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        if (activity.Type == ActivityTypes.Invoke && activity.Name == InvokeName)
        {
            if (!value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : EmptyObject;
            return new CardAction(StringOf(action, "verb") ?? string.Empty, data, CardActionSource.Execute, activity.ReplyToId,
                StringOf(value, "trigger") == "automatic");
        }

        if (activity.Type == ActivityTypes.Message && StringOf(value, "verb") is { Length: > 0 } verb)
        {
            return new CardAction(verb, value, CardActionSource.Submit, activity.ReplyToId);
        }

        return null;
    }

    /// <summary>A string member of <see cref="Data"/>, or null.</summary>
    public string? GetString(string name) => StringOf(Data, name);

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String ? member.GetString() : null;

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}

/// <summary>
/// What a card action route answers. The application turns it into the invoke response (Execute) or
/// into an update of the clicked card / a message (Submit), so a route is written once for both paths.
/// </summary>
public abstract record CardActionResult
{
    /// <summary>
    /// Replace the clicked card with <paramref name="Content"/>. With <see cref="ForEveryone"/> the posted
    /// message itself is replaced too (what everyone else in the conversation sees); Execute answers the
    /// clicking user with <paramref name="Content"/> and updates the message, Submit updates the message.
    /// </summary>
    public sealed record ReplaceCard(JsonElement Content) : CardActionResult
    {
        public JsonElement? ForEveryone { get; init; }

        /// <summary>The view models of <see cref="Content"/> and <see cref="ForEveryone"/>, for channels that render cards their own way.</summary>
        public ICardModel? Model { get; init; }

        public ICardModel? EveryoneModel { get; init; }
    }

    /// <summary>Post <paramref name="Content"/> as a new message and keep the clicked card; Execute also shows <paramref name="Acknowledgement"/>.</summary>
    public sealed record PostCard(JsonElement Content, string Acknowledgement) : CardActionResult
    {
        public ICardModel? Model { get; init; }
    }

    /// <summary>Tell the user <paramref name="Text"/>; the card stays as it is.</summary>
    public sealed record Message(string Text) : CardActionResult;

    public static CardActionResult Card(JsonElement content, JsonElement? forEveryone = null) => new ReplaceCard(content) { ForEveryone = forEveryone };

    public static CardActionResult Post(JsonElement content, string acknowledgement) => new PostCard(content, acknowledgement);

    public static CardActionResult Say(string text) => new Message(text);
}
