using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Slack;

/// <summary>A message read back from a conversation: its text and author, and its permalink when Slack gave one.</summary>
public sealed record SlackMessage(string Channel, string Ts, string Text, string? User, string? Permalink);

/// <summary>The Web API methods for war rooms and the App Home: pins, archiving, reading one message back, the Home tab.</summary>
public sealed partial class SlackWebApi
{
    /// <summary>Pins a message to its channel (the war room's headline, MAJ-05).</summary>
    public Task PinAsync(string channel, string ts, CancellationToken cancellationToken) =>
        CallAsync("pins.add", Body(("channel", channel), ("timestamp", ts)), cancellationToken);

    /// <summary>Archives a channel (a closed major incident's war room, MAJ-05); one already archived counts as done.</summary>
    public async Task ArchiveConversationAsync(string channel, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("conversations.archive", Body(("channel", channel)), cancellationToken);
        }
        catch (SlackApiException done) when (done.Error == "already_archived")
        {
        }
    }

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

    /// <summary>
    /// files.uploadV2, as Slack's SDKs do it: files.getUploadURLExternal names a one-time upload URL, the bytes go there
    /// (without the bot token), and files.completeUploadExternal shares the file into <paramref name="channel"/>.
    /// </summary>
    public async Task<string> UploadFileAsync(string channel, string filename, string title, byte[] content, string? threadTs, CancellationToken cancellationToken)
    {
        var slot = await CallAsync("files.getUploadURLExternal",
            Form(("filename", filename), ("length", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
        var fileId = Str(slot, "file_id") ?? throw new SlackApiException("files.getUploadURLExternal", "no_file_id_in_answer");
        if (!Uri.TryCreate(Str(slot, "upload_url"), UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttps || !IsSlackHost(target))
        {
            throw new SlackApiException("files.getUploadURLExternal", "untrusted_upload_url");
        }

        using (var uploaded = await SendAsync("file upload", () => new HttpRequestMessage(HttpMethod.Post, target) { Content = Bytes(content) }, authorize: false, cancellationToken))
        {
            if (!uploaded.IsSuccessStatusCode)
            {
                throw new SlackApiException("file upload", $"http_{(int)uploaded.StatusCode}", uploaded.StatusCode);
            }
        }

        var files = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }).ToJsonString();
        var fields = new List<(string, string)> { ("files", files), ("channel_id", channel) };
        if (threadTs is not null)
        {
            fields.Add(("thread_ts", threadTs));
        }

        await CallAsync("files.completeUploadExternal", Form([.. fields]), cancellationToken);
        return fileId;
    }

    private static ByteArrayContent Bytes(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return body;
    }

    private static JsonObject? Find(JsonObject answer, string ts) =>
        (answer["messages"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(m => Str(m, "ts") == ts);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
}
