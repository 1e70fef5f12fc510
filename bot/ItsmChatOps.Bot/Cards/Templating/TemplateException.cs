namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>
/// A template uses syntax the expander does not support, or an expression fails to evaluate.
/// The expander throws instead of guessing, so a card is never rendered differently from the
/// official Adaptive Cards templating engine.
/// </summary>
public sealed class TemplateException(string message) : Exception(message);
