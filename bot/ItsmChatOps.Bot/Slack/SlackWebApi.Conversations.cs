using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Slack;

/// <summary>A message read back from a conversation: its text and author, and its permalink when Slack gave one.</summary>
public sealed record SlackMessage(string Channel, string Ts, string Text, string? User, string? Permalink);

/// <summary>The Web API methods for war rooms and the App Home: pins, reading one message back, the Home tab.</summary>
public sealed partial class SlackWebApi
{
    /// <summary>Pins a message to its channel (the war room's headline, MAJ-05).</summary>
    public Task PinAsync(string channel, string ts, CancellationToken cancellationToken) =>
        CallAsync("pins.add", Body(("channel", channel), ("timestamp", ts)), cancellationToken);

    /// <summary>
    /// The message <paramref name="ts"/> of <paramref name="channel"/>: conversations.history up to and including it, one
    /// message; a reply in a thread is not in the history, so conversations.replies finds it then. Null when it is gone.
    /// </summary>
    public async Task<SlackMessage?> GetMessageAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        var history = await CallAsync("conversations.history",
            Form(("channel", channel), ("latest", ts), ("inclusive", "true"), ("limit", "1")), cancellationToken);
        var found = Find(history, ts);
        if (found is null)
        {
            var replies = await CallAsync("conversations.replies",
                Form(("channel", channel), ("ts", ts), ("latest", ts), ("inclusive", "true"), ("limit", "1")), cancellationToken);
            found = Find(replies, ts);
        }

        if (found is null)
        {
            return null;
        }

        var link = await CallAsync("chat.getPermalink", Form(("channel", channel), ("message_ts", ts)), cancellationToken);
        return new SlackMessage(channel, ts, Str(found, "text") ?? string.Empty, Str(found, "user"), Str(link, "permalink"));
    }

    /// <summary>Shows <paramref name="view"/> (type <c>home</c>) as the user's App Home tab.</summary>
    public Task PublishHomeAsync(string user, JsonObject view, CancellationToken cancellationToken) =>
        CallAsync("views.publish", Body(("user_id", user), ("view", view)), cancellationToken);

    private static JsonObject? Find(JsonObject answer, string ts) =>
        (answer["messages"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(m => Str(m, "ts") == ts);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
}
