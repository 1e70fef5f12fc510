using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>The Web API client: the exact calls Slack gets, its rate limiting and its errors.</summary>
public sealed class SlackWebApiTests : IDisposable
{
    private readonly TimerWatchingClock time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingHandler slack;
    private readonly SlackWebApi api;

    public SlackWebApiTests()
    {
        slack = new RecordingHandler(time) { Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new { ok = true }) };
        api = new SlackWebApi(new HttpClient(slack), Options.Create(new SlackOptions { BotToken = SlackRequests.BotToken }), time, NullLogger<SlackWebApi>.Instance);
    }

    public void Dispose() => slack.Dispose();

    [Fact]
    public async Task PostMessage_JsonWithBotToken_ReturnsChannelAndTs()
    {
        slack.Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new { ok = true, channel = "C0GENERAL", ts = "1700000000.000100" });
        var blocks = new JsonArray(new JsonObject { ["type"] = "divider" });

        var sent = await api.PostMessageAsync("C0GENERAL", "Hello", blocks, "1699999999.000001", CancellationToken.None);

        var call = Assert.Single(slack.Requests);
        Assert.Equal((HttpMethod.Post, "https://slack.com/api/chat.postMessage"), (call.Method, call.Uri.ToString()));
        Assert.Equal("Bearer " + SlackRequests.BotToken, call.Authorization);
        Assert.StartsWith("application/json", call.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("""{"channel":"C0GENERAL","text":"Hello","blocks":[{"type":"divider"}],"thread_ts":"1699999999.000001"}""", call.Body);
        Assert.Equal(new SlackMessageRef("C0GENERAL", "1700000000.000100"), sent);
    }

    [Fact]
    public async Task UpdateEphemeralAndViews_ExactCalls()
    {
        slack.Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new { ok = true, view = new { id = "V0VIEW0001" } });
        var view = new JsonObject { ["type"] = "modal" };

        await api.UpdateMessageAsync("D0DM00001", "1700000000.000100", "Updated", null, CancellationToken.None);
        await api.PostEphemeralAsync("C0GENERAL", "U0DAVE001", "Only you", null, CancellationToken.None);
        var opened = await api.OpenViewAsync("trigger-1", view, CancellationToken.None);
        var updated = await api.UpdateViewAsync("V0VIEW0001", view, CancellationToken.None);

        Assert.Equal(
            [
                ("chat.update", """{"channel":"D0DM00001","ts":"1700000000.000100","text":"Updated","blocks":[]}"""),
                ("chat.postEphemeral", """{"channel":"C0GENERAL","user":"U0DAVE001","text":"Only you"}"""),
                ("views.open", """{"trigger_id":"trigger-1","view":{"type":"modal"}}"""),
                ("views.update", """{"view_id":"V0VIEW0001","view":{"type":"modal"}}"""),
            ],
            slack.Requests.Select(r => (r.Method(), r.Body)));
        Assert.Equal(("V0VIEW0001", "V0VIEW0001"), (opened, updated));
    }

    [Fact]
    public async Task CreateChannelAndInvite_ExactCalls()
    {
        slack.Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new { ok = true, channel = new { id = "C0MAJOR01", name = "inc-001042" } });

        var channel = await api.CreateConversationAsync("inc-001042-email-down", isPrivate: false, CancellationToken.None);
        await api.InviteAsync(channel, ["U0DAVE001", "U0ELLEN01"], CancellationToken.None);

        Assert.Equal("C0MAJOR01", channel);
        Assert.Equal(
            [
                ("conversations.create", """{"name":"inc-001042-email-down","is_private":false}"""),
                ("conversations.invite", """{"channel":"C0MAJOR01","users":"U0DAVE001,U0ELLEN01"}"""),
            ],
            slack.Requests.Select(r => (r.Method(), r.Body)));
    }

    /// <summary>A reply in a thread is not in the channel's history: conversations.replies finds it; then its permalink.</summary>
    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task GetMessage_ThreadReply_HistoryThenRepliesThenPermalink_ExactCalls()
    {
        slack.Responder = request => request.RequestUri!.AbsolutePath switch
        {
            "/api/conversations.history" => RecordingHandler.Json(HttpStatusCode.OK, new { ok = true, messages = new[] { new { ts = "1700000000.000001", text = "the parent" } } }),
            "/api/conversations.replies" => RecordingHandler.Json(HttpStatusCode.OK, new
            {
                ok = true, messages = new[] { new { ts = "1700000000.000001", text = "the parent", user = "U0DAVE001" }, new { ts = "1700000000.000009", text = "the reply", user = "U0ELLEN01" } },
            }),
            _ => RecordingHandler.Json(HttpStatusCode.OK, new { ok = true, permalink = "https://contoso.slack.com/archives/C0MAJOR01/p1700000000000009" }),
        };

        var message = await api.GetMessageAsync("C0MAJOR01", "1700000000.000009", CancellationToken.None);

        Assert.Equal(
            [
                ("conversations.history", "channel=C0MAJOR01&latest=1700000000.000009&inclusive=true&limit=1"),
                ("conversations.replies", "channel=C0MAJOR01&ts=1700000000.000009&latest=1700000000.000009&inclusive=true&limit=1"),
                ("chat.getPermalink", "channel=C0MAJOR01&message_ts=1700000000.000009"),
            ],
            slack.Requests.Select(r => (r.Method(), r.Body)));
        Assert.Equal(new SlackMessage("C0MAJOR01", "1700000000.000009", "the reply", "U0ELLEN01", "https://contoso.slack.com/archives/C0MAJOR01/p1700000000000009"), message);
    }

    [Fact]
    public async Task GetMessage_Gone_NullWithoutAPermalinkCall()
    {
        slack.Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new { ok = true, messages = Array.Empty<object>() });

        Assert.Null(await api.GetMessageAsync("C0MAJOR01", "1700000000.000009", CancellationToken.None));
        Assert.Equal(["conversations.history", "conversations.replies"], slack.Requests.Select(r => r.Method()));
    }

    [Theory]
    [InlineData("mi-INC-000123-email-and-calendar", "mi-inc-000123-email-and-calendar")]
    [InlineData("MI INC 7 / Payroll & HR!", "mi-inc-7-payroll-hr")]
    [InlineData("--mi__x--", "mi__x")]
    [Trait("Requirement", "MAJ-05")]
    public void ChannelName_SlackRules_LowercaseLettersDigitsDashUnderscore(string asked, string expected)
    {
        Assert.Equal(expected, SlackWarRooms.ChannelName(asked));
    }

    [Fact]
    public void ChannelName_Long_CutTo80()
    {
        var name = SlackWarRooms.ChannelName("mi-" + new string('a', 100));

        Assert.Equal(80, name.Length);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task UserInfo_FormEncoded_EmailFromProfile()
    {
        slack.Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new
        {
            ok = true,
            user = new { id = "U0DAVE001", name = "dave", real_name = "Dave User", deleted = false, is_bot = false, profile = new { email = "dave@contoso.test" } },
        });

        var user = await api.UserInfoAsync("U0DAVE001", CancellationToken.None);

        var call = Assert.Single(slack.Requests);
        Assert.Equal(("users.info", "user=U0DAVE001"), (call.Method(), call.Body));
        Assert.StartsWith("application/x-www-form-urlencoded", call.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(new SlackUser("U0DAVE001", "Dave User", "dave@contoso.test", false, false), user);
    }

    [Fact]
    public async Task Call_RateLimited_WaitsRetryAfterThenSucceeds()
    {
        var calls = 0;
        slack.Responder = _ => Interlocked.Increment(ref calls) == 1
            ? RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { ok = false, error = "ratelimited" }, ("Retry-After", "7"))
            : RecordingHandler.Json(HttpStatusCode.OK, new { ok = true, channel = "C1", ts = "1.2" });

        var sending = api.PostMessageAsync("C1", "Hi", null, null, CancellationToken.None);
        await slack.WaitForAsync(1);
        var wait = await time.NextTimerAsync();
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Assert.Single(slack.Requests); // the wait is on the clock and 6 seconds do not end it: not before the 7 seconds Slack asked for
        time.Advance(TimeSpan.FromSeconds(1));
        var sent = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("1.2", sent.Ts);
        Assert.Equal(7, (slack.Requests[1].At - slack.Requests[0].At).TotalSeconds);
    }

    [Fact]
    public async Task Call_RateLimitedBeyondTheRetries_ThrowsRatelimited()
    {
        slack.Responder = _ => RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { ok = false }, ("Retry-After", "1"));

        var sending = api.PostMessageAsync("C1", "Hi", null, null, CancellationToken.None);
        for (var i = 1; i <= 3; i++)
        {
            await slack.WaitForAsync(i);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var failure = await Assert.ThrowsAsync<SlackApiException>(() => sending);
        Assert.Equal(("ratelimited", HttpStatusCode.TooManyRequests), (failure.Error, failure.Status));
        Assert.Equal(3, slack.Requests.Count);
    }

    [Theory]
    [InlineData("channel_not_found", true, false)]
    [InlineData("not_in_channel", false, true)]
    [InlineData("is_archived", false, true)]
    [InlineData("invalid_blocks", false, false)]
    public async Task Call_OkFalse_SlackErrorNamed(string error, bool gone, bool blocked)
    {
        slack.Responder = _ => RecordingHandler.Json(HttpStatusCode.OK, new { ok = false, error });

        var failure = await Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync("C1", "Hi", null, null, CancellationToken.None));

        Assert.Equal(("chat.postMessage", error, gone, blocked), (failure.Method, failure.Error, failure.IsGone, failure.IsBlocked));
    }

    [Fact]
    public async Task Call_NoBotToken_RefusedWithoutCallingSlack()
    {
        var unconfigured = new SlackWebApi(new HttpClient(slack), Options.Create(new SlackOptions()), time, NullLogger<SlackWebApi>.Instance);

        var failure = await Assert.ThrowsAsync<SlackApiException>(() => unconfigured.PostMessageAsync("C1", "Hi", null, null, CancellationToken.None));

        Assert.StartsWith("not_configured", failure.Error, StringComparison.Ordinal);
        Assert.Empty(slack.Requests);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/actions/T1/2/3", true)]
    [InlineData("http://hooks.slack.com/actions/T1/2/3", false)]
    [InlineData("https://attacker.example/hooks.slack.com", false)]
    [InlineData("https://slack.com.attacker.example/x", false)]
    public async Task Respond_OnlyToSlackOverHttps_WithoutTheBotToken(string url, bool sent)
    {
        slack.Responder = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") };

        var respond = api.RespondAsync(url, new JsonObject { ["text"] = "Done" }, CancellationToken.None);

        if (sent)
        {
            await respond;
            var call = Assert.Single(slack.Requests);
            Assert.Null(call.Authorization);
            Assert.Equal("""{"text":"Done"}""", call.Body);
        }
        else
        {
            await Assert.ThrowsAsync<SlackApiException>(() => respond);
            Assert.Empty(slack.Requests);
        }
    }
}
