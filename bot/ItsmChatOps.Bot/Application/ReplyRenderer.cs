using System.Text.Json;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Application;

/// <summary>Turns a flow's reply into a Bot Framework activity: text as a message, a view model as an Adaptive Card.</summary>
public sealed class ReplyRenderer(CardRenderer cards)
{
    public Activity ToActivity(Reply reply) => reply switch
    {
        Reply.Text text => Activity.CreateMessage(text.Value),
        Reply.Card card => Activity.CreateCardMessage(Card(card.Model), model: card.Model),
        _ => throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}."),
    };

    public JsonElement Card(ICardModel model) => JsonSerializer.SerializeToElement(cards.Render(model));
}
