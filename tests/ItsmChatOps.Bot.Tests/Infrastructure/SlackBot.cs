using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Security;
using ItsmChatOps.Bot.Slack;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>A Slack user of the test workspace and the email Slack's directory gives for them.</summary>
public sealed record SlackUserStub(string Id, string Email, string Name);

/// <summary>
/// The bot with the Slack app configured: Slack's Web API (and the response_url hooks) stubbed at the HTTP boundary,
/// answering as Slack does, and optionally every call to the ITSM API held back until <see cref="ApiGate"/> completes.
/// </summary>
public sealed class SlackBot : BotFactory
{
    public static readonly SlackUserStub Dave = new("U0DAVE001", "dave@contoso.test", "Dave User");
    public static readonly SlackUserStub Ellen = new("U0ELLEN01", "ellen@contoso.test", "Ellen User");
    public static readonly SlackUserStub Nobody = new("U0NOBODY1", "nobody@elsewhere.test", "Nora Nobody");
    public static readonly SlackUserStub Heidi = new("U0HEIDI01", "heidi@contoso.test", "Heidi Lead");
    public static readonly SlackUserStub Bob = new("U0BOB0001", "bob@contoso.test", "Bob Resolver");
    public static readonly SlackUserStub Alice = new("U0ALICE01", "alice@contoso.test", "Alice Agent");
    public static readonly SlackUserStub Charlie = new("U0CHARLIE", "charlie@contoso.test", "Charlie Change");
    private static readonly SlackUserStub[] Directory = [Dave, Ellen, Nobody, Heidi, Bob, Alice, Charlie];
    private readonly TaskCompletionSource apiHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int messages;

    public SlackBot(ApiHost? api = null, Task? apiGate = null)
    {
        Slack = new RecordingHandler(Time) { Responder = Respond };
        ApiGate = apiGate;
        Settings["Slack:SigningSecret"] = SlackRequests.SigningSecret;
        Settings["Slack:BotToken"] = SlackRequests.BotToken;
        if (api is not null)
        {
            Settings["Api:BaseUrl"] = api.BaseUrl;
            Settings[DevelopmentAuth.ServiceKeySetting] = ApiHost.ServiceKey;
        }
    }

    public RecordingHandler Slack { get; }

    /// <summary>Answers a test puts in place of Slack's usual one, by Web API method (a refusal, a 429); null falls through.</summary>
    public ConcurrentDictionary<string, Func<string, HttpResponseMessage?>> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Channel names Slack answers <c>name_taken</c> for.</summary>
    public ConcurrentDictionary<string, bool> TakenChannelNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The messages conversations.history and conversations.replies find, by channel and ts.</summary>
    public ConcurrentDictionary<(string Channel, string Ts), (string Text, string User)> ChannelMessages { get; } = new();

    public Task? ApiGate { get; }

    /// <summary>Completes when the first call to the ITSM API reaches the closed gate: the work is under way and held there.</summary>
    public Task ApiHeld => apiHeld.Task;

    /// <summary>The Web API calls and response_url posts made since <paramref name="mark"/>.</summary>
    public IReadOnlyList<RecordedRequest> CallsSince(int mark) => [.. Slack.Requests.Skip(mark)];

    /// <summary>Waits for the first call of Web API <paramref name="method"/> after <paramref name="mark"/>, whatever came before it (a users.info, say).</summary>
    public async Task<RecordedRequest> WaitForMethodAsync(int mark, string method)
    {
        for (var count = mark + 1; ; count++)
        {
            await Slack.WaitForAsync(count);
            if (CallsSince(mark).FirstOrDefault(c => c.Method() == method) is { } found)
            {
                return found;
            }
        }
    }

    /// <summary>
    /// Waits until a call after <paramref name="mark"/> matches and returns the latest that does. Counts the calls it has
    /// looked at, so a call that arrives between a look and the wait is never missed.
    /// </summary>
    public async Task<RecordedRequest> WaitForCallAsync(int mark, Func<RecordedRequest, bool> match)
    {
        for (var count = mark + 1; ; count++)
        {
            await Slack.WaitForAsync(count);
            if (CallsSince(mark).LastOrDefault(match) is { } found)
            {
                return found;
            }
        }
    }

    public Task<RecordedRequest> WaitForCallAsync(int mark, string method) => WaitForCallAsync(mark, c => c.Method() == method);

    /// <summary>Sends a request as Slack would and returns the bot's answer.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<DateTimeOffset, HttpRequestMessage> request)
    {
        using var message = request(Time.GetUtcNow());
        return await client.SendAsync(message);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(SlackWebApi.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Lent(Slack));
            if (ApiGate is { } gate)
            {
                services.AddHttpClient(nameof(ItsmApiClient)).AddHttpMessageHandler(() => new Gate(gate, apiHeld));
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Slack.Dispose();
        }
    }

    /// <summary>Slack's answers: a timestamp for every message, an id for every view, the directory for users.info.</summary>
    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        if (uri.Host == "files.slack.com")
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("OK - " + request.Content!.Headers.ContentLength, Encoding.UTF8, "text/plain") };
        }

        if (uri.Host == "hooks.slack.com")
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok", Encoding.UTF8, "text/plain") };
        }

        var body = request.Content!.ReadAsStringAsync().Result;
        var method = uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..];
        if (Overrides.TryGetValue(method, out var custom) && custom(body) is { } overridden)
        {
            return overridden;
        }

        object answer = method switch
        {
            "conversations.create" => CreateChannel(body),
            "conversations.history" or "conversations.replies" => History(body),
            "chat.getPermalink" => Permalink(body),
            "files.getUploadURLExternal" => new { ok = true, upload_url = "https://files.slack.com/upload/v1/CwABAAAAXw", file_id = "F0CHART01" },
            "files.completeUploadExternal" => new { ok = true, files = new[] { new { id = "F0CHART01" } } },
            "chat.postMessage" => new { ok = true, channel = JsonNode.Parse(body)!["channel"]!.GetValue<string>(), ts = $"1700000100.{Interlocked.Increment(ref messages):D6}" },
            "views.open" or "views.update" => new { ok = true, view = new { id = JsonNode.Parse(body)!["view_id"]?.GetValue<string>() ?? "V0VIEW0001" } },
            "conversations.open" => new { ok = true, channel = new { id = "D0DM" + JsonNode.Parse(body)!["users"]!.GetValue<string>() } },
            "users.info" => UserInfo(body),
            _ => new { ok = true },
        };
        return RecordingHandler.Json(HttpStatusCode.OK, answer);
    }

    private object CreateChannel(string body)
    {
        var name = JsonNode.Parse(body)!["name"]!.GetValue<string>();
        return TakenChannelNames.ContainsKey(name)
            ? new { ok = false, error = "name_taken" }
            : new { ok = true, channel = new { id = "C0" + Math.Abs(StringComparer.Ordinal.GetHashCode(name) % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture), name } } as object;
    }

    /// <summary>conversations.history up to <c>latest</c>: the message with that ts when the test put one there, else none.</summary>
    private object History(string form)
    {
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(form);
        var key = (fields["channel"].ToString(), fields["latest"].ToString());
        return ChannelMessages.TryGetValue(key, out var message)
            ? new { ok = true, messages = new[] { new { type = "message", ts = key.Item2, text = message.Text, user = message.User } } }
            : new { ok = true, messages = Array.Empty<object>() } as object;
    }

    private static object Permalink(string form)
    {
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(form);
        return new { ok = true, permalink = $"https://contoso.slack.com/archives/{fields["channel"]}/p{fields["message_ts"].ToString().Replace(".", string.Empty, StringComparison.Ordinal)}" };
    }

    private static object UserInfo(string form)
    {
        var id = Uri.UnescapeDataString(form.Split('=', 2)[1]);
        return Directory.FirstOrDefault(u => u.Id == id) is { } user
            ? new { ok = true, user = new { id = user.Id, name = user.Name.ToLowerInvariant(), real_name = user.Name, deleted = false, is_bot = false, profile = new { email = user.Email, real_name = user.Name } } }
            : new { ok = false, error = "user_not_found" } as object;
    }

    private sealed class Lent(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing) => base.Dispose(false);
    }

    /// <summary>Holds every call to the ITSM API until the gate opens: an API that is slow to answer.</summary>
    private sealed class Gate(Task open, TaskCompletionSource reached) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            reached.TrySetResult();
            await open.WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>Reading what the bot sent to Slack.</summary>
public static class SlackCalls
{
    public static string Method(this RecordedRequest call) => call.Uri.Host switch
    {
        "hooks.slack.com" => "response_url",
        "files.slack.com" => "file_upload",
        _ => call.Uri.AbsolutePath[(call.Uri.AbsolutePath.LastIndexOf('/') + 1)..],
    };

    public static JsonNode Node(this RecordedRequest call) => JsonNode.Parse(call.Body)!;

    /// <summary>Every text of the message or view, joined: what a person reads.</summary>
    public static string SlackText(this RecordedRequest call) => string.Join("\n", Texts(call.Node()));

    /// <summary>The value (JSON) of the button sending <paramref name="verb"/>, as Slack sends it back on a click.</summary>
    public static JsonObject Button(this RecordedRequest call, string verb) =>
        Buttons(call.Node()).Select(v => JsonNode.Parse(v)!.AsObject()).First(v => v["verb"]?.GetValue<string>() == verb);

    public static IEnumerable<string> Buttons(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "button" && o["value"] is JsonValue v => [v.GetValue<string>()],
        JsonObject o => o.SelectMany(p => Buttons(p.Value)),
        JsonArray a => a.SelectMany(Buttons),
        _ => [],
    };

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue(out string? s) ? [s] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value);
}
