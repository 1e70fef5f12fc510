using System.Globalization;
using System.Text;
using System.Text.Json;
using ItsmChatOps.Bot.Slack;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Requests as Slack sends them: the body, signed with the app's signing secret at a given time.</summary>
public static class SlackRequests
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-bot-token";
    public const string TeamId = "T0SLACK01";
    public const string BotUserId = "U0BOT0001";
    public const string AppId = "A0ITSM001";

    public static HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset at, string secret = SigningSecret,
        params (string Name, string Value)[] headers)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Encoding.ASCII.GetString(SlackRequestVerifier.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Content.Headers.ContentType!.CharSet = contentType == "application/json" ? "utf-8" : null;
        request.Headers.Add(SlackRequestVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackRequestVerifier.SignatureHeader, signature);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    public static HttpRequestMessage Event(object envelope, DateTimeOffset at, params (string Name, string Value)[] headers) =>
        Signed("/api/slack/events", JsonSerializer.Serialize(envelope), "application/json", at, SigningSecret, headers);

    public static HttpRequestMessage Command(IReadOnlyDictionary<string, string> fields, DateTimeOffset at) =>
        Signed("/api/slack/commands", Form(fields), "application/x-www-form-urlencoded", at);

    public static HttpRequestMessage Interaction(object payload, DateTimeOffset at) =>
        Signed("/api/slack/interactivity", Form(new Dictionary<string, string> { ["payload"] = JsonSerializer.Serialize(payload) }), "application/x-www-form-urlencoded", at);

    public static string Form(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>An Events API callback for a direct message from <paramref name="user"/>.</summary>
    public static object DirectMessage(string user, string text, string eventId, string channel = "D0DM00001") => new
    {
        token = "legacy",
        team_id = TeamId,
        api_app_id = AppId,
        type = "event_callback",
        event_id = eventId,
        event_time = 1_700_000_000,
        authorizations = new[] { new { team_id = TeamId, user_id = BotUserId, is_bot = true } },
        @event = new { type = "message", channel_type = "im", user, text, channel, ts = "1700000000." + eventId[^6..], event_ts = "1700000000.000100" },
    };

    public static Dictionary<string, string> SlashCommand(string user, string text, string channel = "D0DM00001", string triggerId = "13345224609.738474920.8088930838d88f008e0") => new()
    {
        ["token"] = "legacy",
        ["team_id"] = TeamId,
        ["team_domain"] = "contoso",
        ["channel_id"] = channel,
        ["user_id"] = user,
        ["user_name"] = "someone",
        ["command"] = "/itsm",
        ["text"] = text,
        ["api_app_id"] = AppId,
        ["response_url"] = "https://hooks.slack.com/commands/T0SLACK01/1234/abcd",
        ["trigger_id"] = triggerId,
    };

    /// <summary>A click on a button of a message: the button's action id and JSON value, the inputs of the message.</summary>
    public static object BlockAction(string user, string actionId, object value, string messageTs = "1700000001.000200", string channel = "D0DM00001",
        object? state = null, string actionTs = "1700000002.000300") => new
    {
        type = "block_actions",
        team = new { id = TeamId, domain = "contoso" },
        user = new { id = user, name = "someone", team_id = TeamId },
        api_app_id = AppId,
        trigger_id = "trigger-" + actionTs,
        response_url = "https://hooks.slack.com/actions/T0SLACK01/5678/efgh",
        container = new { type = "message", message_ts = messageTs, channel_id = channel, is_ephemeral = false },
        channel = new { id = channel, name = "directmessage" },
        state = state ?? new { values = new { } },
        actions = new[] { new { type = "button", action_id = actionId, block_id = "b1", value = JsonSerializer.Serialize(value), action_ts = actionTs } },
    };
}
