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

    /// <summary>The approval card sent to one approver, replaced in place after each decision (CHG-05).</summary>
    public static string ApprovalCard(string changeId, string personId) => $"card:change-approval:{changeId}:{personId}";

    /// <summary>The recurring-incident card sent to one problem manager, replaced in place once any of them decides (PRB-02).</summary>
    public static string CandidateCard(string candidateId, string personId) => $"card:problem-candidate:{candidateId}:{personId}";

    /// <summary>Which major incident a war-room conversation belongs to (MAJ-05); hashed, as Teams thread ids hold characters keys may not.</summary>
    public static string WarRoom(string conversationId) =>
        $"warroom:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(conversationId)))[..32]}";

    /// <summary>The war room's headline card, replaced in place as the major incident moves.</summary>
    public static string WarRoomHeadline(string majorIncidentId) => $"card:warroom:{majorIncidentId}";

    /// <summary>Claimed by the one bot instance that opens a major incident's war room.</summary>
    public static string WarRoomOpening(string majorIncidentId) => $"once:warroom:{majorIncidentId}";

    /// <summary>The text of a message the bot saw or posted in a war room, for the reaction that puts it on the timeline (MAJ-05).</summary>
    public static string RoomMessage(string conversationId, string activityId) =>
        $"warroom-message:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{conversationId}|{activityId}")))[..40]}";

    /// <summary>Taken by the instance that archives a closed major incident's war room (MAJ-05).</summary>
    public static string WarRoomArchiving(string majorIncidentId) => $"once:warroom-archive:{majorIncidentId}";

    /// <summary>Claimed before an action that the API does not make idempotent (a comment), so a double click sends it once.</summary>
    public static string Once(string personId, string action, string key) => $"once:{personId}:{action}:{key}";
}
