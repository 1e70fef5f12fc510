namespace ItsmChatOps.Bot.State;

/// <summary>The keys of the bot's entries in the API's bot state, in one place.</summary>
public static class BotStateKeys
{
    /// <summary>The notifier's position in the event feed, shared by every bot instance.</summary>
    public const string NotifierCursor = "cursor:notifier";

    public static string Conversation(string personId) => $"conversation:{personId}";

    /// <summary>Claimed (create-only) before a notification is sent: one send per event and person.</summary>
    public static string Notified(string eventId, string personId) => $"notified:{eventId}:{personId}";

    public static string ClosureCard(string incidentId) => $"card:closure:{incidentId}";

    public static string SurveyCard(string surveyId) => $"card:survey:{surveyId}";

    /// <summary>Claimed before an action that the API does not make idempotent (a comment), so a double click sends it once.</summary>
    public static string Once(string personId, string action, string key) => $"once:{personId}:{action}:{key}";
}
