using ItsmChatOps.Bot.Cards;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// What a flow answers, independent of the channel: plain text or a card's view model. Each channel's
/// renderer turns it into its own format (Adaptive Cards for Teams and Web Chat).
/// </summary>
public abstract record Reply
{
    public sealed record Text(string Value) : Reply;

    public sealed record Card(ICardModel Model) : Reply;

    public static Reply Say(string text) => new Text(text);

    public static Reply Show(ICardModel model) => new Card(model);
}

/// <summary>The answer to a card action: what the clicking user sees, and what everyone else in the conversation sees when it differs.</summary>
public sealed record CardReply(Reply Viewer, Reply? Everyone = null)
{
    public static implicit operator CardReply(Reply viewer) => new(viewer);
}
