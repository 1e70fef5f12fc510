namespace ItsmChatOps.Bot.Cards;

/// <summary>A card's view model: serialized camelCase as the template's data.</summary>
public interface ICardModel
{
    /// <summary>The template file name under cards/teams, without extension.</summary>
    static abstract string TemplateName { get; }
}
