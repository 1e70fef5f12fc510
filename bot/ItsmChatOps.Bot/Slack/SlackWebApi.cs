using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Slack;

/// <summary>A Slack Web API call answered <c>ok: false</c> (or failed over HTTP); <see cref="Error"/> is Slack's error code.</summary>
public sealed class SlackApiException(string method, string error, HttpStatusCode status = HttpStatusCode.OK, string? needed = null)
    : Exception($"Slack {method} failed: {error}{(needed is null ? string.Empty : $" (needs {needed})")}")
{
    public string Method { get; } = method;
    public string Error { get; } = error;
    public HttpStatusCode Status { get; } = status;

    /// <summary>With <c>missing_scope</c>: the OAuth scope the app lacks, as Slack names it.</summary>
    public string? Needed { get; } = needed;

    /// <summary>The conversation or user is gone or not reachable by the app any more.</summary>
    public bool IsGone => Error is "channel_not_found" or "user_not_found" or "message_not_found" or "view_not_found";

    /// <summary>The app may not write there (left the channel, archived, the person deactivated).</summary>
    public bool IsBlocked => Error is "not_in_channel" or "is_archived" or "account_inactive" or "user_disabled" or "cannot_dm_bot" or "restricted_action";
}

/// <summary>A message as Slack identifies it: the conversation and the timestamp.</summary>
public sealed record SlackMessageRef(string Channel, string Ts);

/// <summary>The parts of <c>users.info</c> the bot uses: the email links the Slack user to a person (SEC-02).</summary>
public sealed record SlackUser(string Id, string? Name, string? Email, bool Deleted, bool IsBot);

/// <summary>
/// The Slack Web API methods the bot calls, with the bot token from configuration. A 429 is retried after the
/// Retry-After Slack names (up to <see cref="SlackOptions.MaxRateLimitRetries"/>), and <c>ok: false</c> becomes
/// a <see cref="SlackApiException"/> naming Slack's error.
/// </summary>
public sealed partial class SlackWebApi(HttpClient http, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackWebApi> logger)
{
    public const string HttpClientName = "slack";

    public async Task<SlackMessageRef> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("chat.postMessage", Body(("channel", channel), ("text", text), ("blocks", blocks), ("thread_ts", threadTs)), cancellationToken);
        return new SlackMessageRef(Str(answer, "channel") ?? channel, Str(answer, "ts") ?? throw new SlackApiException("chat.postMessage", "no_ts_in_answer"));
    }

    public Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken) =>
        CallAsync("chat.update", Body(("channel", channel), ("ts", ts), ("text", text), ("blocks", blocks ?? [])), cancellationToken);

    public Task PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", Body(("channel", channel), ("user", user), ("text", text), ("blocks", blocks)), cancellationToken);

    public Task DeleteMessageAsync(string channel, string ts, CancellationToken cancellationToken) =>
        CallAsync("chat.delete", Body(("channel", channel), ("ts", ts)), cancellationToken);

    /// <summary>Opens a modal; <paramref name="triggerId"/> is valid for 3 seconds after the click or command.</summary>
    public async Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("views.open", Body(("trigger_id", triggerId), ("view", view)), cancellationToken);
        return ViewId(answer, "views.open");
    }

    public async Task<string> UpdateViewAsync(string viewId, JsonObject view, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("views.update", Body(("view_id", viewId), ("view", view)), cancellationToken);
        return ViewId(answer, "views.update");
    }

    /// <summary>A new channel (a major incident's); Slack names are lowercase letters, digits, '-' and '_', at most 80 characters.</summary>
    public async Task<string> CreateConversationAsync(string name, bool isPrivate, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.create", Body(("name", name), ("is_private", isPrivate)), cancellationToken);
        return answer["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.create", "no_channel_in_answer");
    }

    /// <summary>Invites people; with <paramref name="force"/> Slack invites the valid ones and reports the others instead of refusing all.</summary>
    public Task InviteAsync(string channel, IReadOnlyCollection<string> users, CancellationToken cancellationToken, bool force = false) =>
        CallAsync("conversations.invite", Body(("channel", channel), ("users", string.Join(',', users)), ("force", force ? true : null)), cancellationToken);

    /// <summary>The direct-message conversation between the app and <paramref name="user"/>, opened if needed.</summary>
    public async Task<string> OpenDirectMessageAsync(string user, CancellationToken cancellationToken)
    {
        var answer = await CallAsync("conversations.open", Body(("users", user)), cancellationToken);
        return answer["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.open", "no_channel_in_answer");
    }

    public async Task<SlackUser> UserInfoAsync(string user, CancellationToken cancellationToken)
    {
        // users.info reads its arguments from a form, not from JSON.
        var answer = await CallAsync("users.info", new FormUrlEncodedContent([new("user", user)]), cancellationToken);
        var found = answer["user"] as JsonObject ?? throw new SlackApiException("users.info", "no_user_in_answer");
        return new SlackUser(
            found["id"]?.GetValue<string>() ?? user,
            found["real_name"]?.GetValue<string>() ?? found["profile"]?["real_name"]?.GetValue<string>() ?? found["name"]?.GetValue<string>(),
            found["profile"]?["email"]?.GetValue<string>(),
            found["deleted"]?.GetValue<bool>() == true,
            found["is_bot"]?.GetValue<bool>() == true);
    }

    /// <summary>Answers through an interaction's <c>response_url</c> (ephemeral text, or the clicked message replaced).</summary>
    public async Task RespondAsync(string responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttps || !IsSlackHost(target))
        {
            throw new SlackApiException("response_url", "untrusted_response_url");
        }

        using var response = await SendAsync("response_url", () => new HttpRequestMessage(HttpMethod.Post, target) { Content = Json(message) }, authorize: false, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}", response.StatusCode);
        }
    }

    private async Task<JsonObject> CallAsync(string method, HttpContent content, CancellationToken cancellationToken)
    {
        var payload = await content.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = content.Headers.ContentType;
        content.Dispose();
        using var response = await SendAsync(method, () =>
        {
            var body = new ByteArrayContent(payload);
            body.Headers.ContentType = mediaType;
            return new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, method)) { Content = body };
        }, authorize: true, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, $"http_{(int)response.StatusCode}", response.StatusCode);
        }

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject
            ?? throw new SlackApiException(method, "invalid_answer");
        if (answer["ok"]?.GetValue<bool>() != true)
        {
            throw new SlackApiException(method, answer["error"]?.GetValue<string>() ?? "unknown_error", needed: Str(answer, "needed"));
        }

        if (answer["warning"]?.GetValue<string>() is { } warning)
        {
            logger.LogInformation("Slack {Method} warned: {Warning}", method, warning);
        }

        return answer;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, Func<HttpRequestMessage> create, bool authorize, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            if (authorize)
            {
                var token = options.Value.BotToken is { Length: > 0 } t ? t : throw new SlackApiException(method, "not_configured: Slack:BotToken is not set");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            if (attempt >= options.Value.MaxRateLimitRetries || wait > options.Value.MaxRetryAfter)
            {
                throw new SlackApiException(method, "ratelimited", HttpStatusCode.TooManyRequests);
            }

            logger.LogWarning("Slack {Method} is rate limited; retrying in {Seconds} s", method, wait.TotalSeconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    internal static bool IsSlackHost(Uri uri) => uri.Host == "hooks.slack.com" || uri.Host.EndsWith(".slack.com", StringComparison.OrdinalIgnoreCase);

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static StringContent Body(params (string Name, object? Value)[] members)
    {
        var body = new JsonObject();
        foreach (var (name, value) in members)
        {
            if (value is not null)
            {
                body[name] = value is JsonNode node ? node.DeepClone() : JsonValue.Create(value);
            }
        }

        return Json(body);
    }

    private static string ViewId(JsonObject answer, string method) =>
        answer["view"]?["id"]?.GetValue<string>() ?? throw new SlackApiException(method, "no_view_in_answer");

    private static string? Str(JsonObject answer, string name) => answer[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
