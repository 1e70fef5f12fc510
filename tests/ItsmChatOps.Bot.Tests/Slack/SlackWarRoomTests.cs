using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Notifications;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>
/// A major incident declared from Slack gets a Slack war room (MAJ-05): the exact Web API calls that create the channel,
/// invite the people, post, pin and update the headline; reactions with the timeline emoji; Slack's refusals in plain words.
/// Each test has its own bot (its own Slack stub and clock) against the collection's API.
/// </summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackWarRoomTests(SlackFlowFixture slack) : IDisposable
{
    private const string ServiceDesk = "C0SERVICEDESK";
    private readonly SlackBot bot = new(slack.Api);
    private HttpClient? client;

    private HttpClient Client => client ??= bot.CreateClient();

    public void Dispose()
    {
        client?.Dispose();
        bot.Dispose();
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    [Trait("Requirement", "MAJ-06")]
    public async Task Declare_FromSlack_ChannelCreatedPeopleInvitedHeadlinePostedPinnedAndUpdated()
    {
        await LinkAsync(SlackBot.Heidi);
        var incident = await RaiseAsync("CRM will not load for anyone");
        var mark = bot.Slack.Requests.Count;

        await SendAsync(SlackRequests.Interaction(Declare(incident), bot.Time.GetUtcNow()));
        await bot.IdleAsync();
        var calls = bot.CallsSince(mark);

        var room = Calls(calls, "conversations.create", "conversations.invite", "chat.postMessage", "pins.add", "chat.update");
        var created = room[0].Node();
        Assert.StartsWith($"mi-{incident.ToLowerInvariant()}-customer-relationship-management", created["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(created["is_private"]!.GetValue<bool>());
        var channel = JsonNode.Parse(room[0].ResponseBody)!["channel"]!["id"]!.GetValue<string>();
        Assert.Equal(channel, room[1].Node()["channel"]!.GetValue<string>());
        Assert.Contains(SlackBot.Heidi.Id, room[1].Node()["users"]!.GetValue<string>().Split(','));
        Assert.True(room[1].Node()["force"]!.GetValue<bool>());
        Assert.Equal(channel, room[2].Node()["channel"]!.GetValue<string>());
        var ts = JsonNode.Parse(room[2].ResponseBody)!["ts"]!.GetValue<string>();
        Assert.Equal((channel, ts), (room[3].Node()["channel"]!.GetValue<string>(), room[3].Node()["timestamp"]!.GetValue<string>()));
        Assert.Equal((channel, ts), (room[4].Node()["channel"]!.GetValue<string>(), room[4].Node()["ts"]!.GetValue<string>()));
        Assert.Contains("Heidi Lead", room[4].SlackText(), StringComparison.Ordinal);
        var major = await MajorOfAsync(incident);
        Assert.Equal((ChatPlatform.Slack, WarRoomMode.Channel, channel), (major.WarRoom!.Platform, major.WarRoom.Mode, major.WarRoom.ChannelId));
        Assert.Equal($"https://slack.com/app_redirect?channel={channel}&team={SlackRequests.TeamId}", major.WarRoom.Link);
        Assert.Contains("no Slack account linked", major.WarRoom.Notice ?? string.Empty, StringComparison.Ordinal); // the service owner never talked to the bot in Slack

        // A status update: posted into the channel as a new message, and the headline replaced in place.
        await SendAsync(SlackRequests.Interaction(SlackRequests.BlockAction(SlackBot.Heidi.Id, "major.update", new
        {
            verb = "major.update", majorIncidentId = major.Id, status = "CRM database failed over", businessImpact = "Sales cannot see accounts",
            actions = "Restoring the primary", nextUpdateInMinutes = "20",
        }, channel: channel, actionTs: slack.NextId("1700000400.")), bot.Time.GetUtcNow()));
        await bot.IdleAsync();
        var told = await NotifyAsync();
        Assert.Contains(told, c => c.Method() == "chat.postMessage" && c.Node()["channel"]!.GetValue<string>() == channel
            && c.SlackText().Contains("CRM database failed over", StringComparison.Ordinal));
        Assert.Contains(told, c => c.Method() == "chat.update" && c.Node()["ts"]!.GetValue<string>() == ts && c.SlackText().Contains("CRM database failed over", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Reaction_PushpinInTheWarRoom_MessageTextOnTheTimelineOnce_OtherEmojiAndChannelsIgnored()
    {
        await LinkAsync(SlackBot.Heidi);
        var incident = await RaiseAsync("CRM searches return nothing");
        await SendAsync(SlackRequests.Interaction(Declare(incident), bot.Time.GetUtcNow()));
        await bot.IdleAsync();
        var major = await MajorOfAsync(incident);
        var channel = major.WarRoom!.ChannelId;
        var ts = slack.NextId("1700000500.");
        bot.ChannelMessages[(channel, ts)] = ("Failover to the secondary started <@U0BOB0001>", SlackBot.Bob.Id);
        bot.ChannelMessages[("C0GENERAL", ts)] = ("Lunch is served", SlackBot.Bob.Id);
        var eventId = slack.NextId("EvReact");
        var mark = bot.Slack.Requests.Count;

        await SendAsync(SlackRequests.Event(Reaction(SlackBot.Heidi.Id, "pushpin", channel, ts, eventId), bot.Time.GetUtcNow()));
        await bot.IdleAsync();
        await SendAsync(SlackRequests.Event(Reaction(SlackBot.Heidi.Id, "pushpin", channel, ts, eventId), bot.Time.GetUtcNow(), ("X-Slack-Retry-Num", "1"), ("X-Slack-Retry-Reason", "http_timeout")));
        await SendAsync(SlackRequests.Event(Reaction(SlackBot.Heidi.Id, "thumbsup", channel, ts, slack.NextId("EvReact")), bot.Time.GetUtcNow()));
        await SendAsync(SlackRequests.Event(Reaction(SlackBot.Heidi.Id, "pushpin", "C0GENERAL", ts, slack.NextId("EvReact")), bot.Time.GetUtcNow()));
        await bot.IdleAsync();

        var calls = bot.CallsSince(mark);
        Assert.Equal(["conversations.history", "chat.getPermalink"], calls.Select(c => c.Method()));
        Assert.Equal($"channel={channel}&latest={ts}&inclusive=true&limit=1", calls[0].Body);
        var entries = (await TimelineAsync(major.Id)).Where(e => e.Kind == "TimelineEntryAdded").ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(("Failover to the secondary started", "Reaction", "heidi"), (entry.Data!["text"]!.GetValue<string>(), entry.Data["source"]!.GetValue<string>(), entry.ActorId));
        Assert.Equal($"https://contoso.slack.com/archives/{channel}/p{ts.Replace(".", string.Empty, StringComparison.Ordinal)}", entry.Data["messageUrl"]!.GetValue<string>());
        Assert.Equal(Channel.Slack, entry.Channel);
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task Declare_NameTakenThenRateLimited_SuffixedNameAfterTheRetryAfter()
    {
        await LinkAsync(SlackBot.Heidi);
        var incident = await RaiseAsync("CRM attachments fail");
        var creates = 0;
        bot.Overrides["conversations.create"] = _ => Interlocked.Increment(ref creates) switch
        {
            1 => RecordingHandler.Json(HttpStatusCode.OK, new { ok = false, error = "name_taken" }),
            2 => RecordingHandler.Json(HttpStatusCode.TooManyRequests, new { ok = false, error = "ratelimited" }, ("Retry-After", "3")),
            _ => null,
        };
        var mark = bot.Slack.Requests.Count;

        await SendAsync(SlackRequests.Interaction(Declare(incident), bot.Time.GetUtcNow()));
        var pinned = bot.WaitForMethodAsync(mark, "pins.add");
        await bot.Time.AdvanceUntilDoneAsync(pinned, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        await bot.IdleAsync();

        var tries = bot.CallsSince(mark).Where(c => c.Method() == "conversations.create").ToList();
        Assert.Equal(3, tries.Count);
        var name = tries[0].Node()["name"]!.GetValue<string>();
        Assert.Equal([name, name + "-2", name + "-2"], tries.Select(t => t.Node()["name"]!.GetValue<string>()));
        Assert.True(tries[2].At - tries[1].At >= TimeSpan.FromSeconds(3), $"retried after {tries[2].At - tries[1].At}");
        Assert.Equal(JsonNode.Parse(tries[2].ResponseBody)!["channel"]!["id"]!.GetValue<string>(), (await MajorOfAsync(incident)).WarRoom!.ChannelId);
    }

    [Theory]
    [InlineData(ChatPlatform.Slack, null, true, null)]
    [InlineData(ChatPlatform.Slack, "already_archived", true, null)]
    [InlineData(ChatPlatform.Slack, "missing_scope", false, "it needs the channels:manage scope")]
    [InlineData(ChatPlatform.Slack, "not_in_channel", false, "Slack did not archive this channel (not_in_channel)")]
    [InlineData(ChatPlatform.WebChat, null, true, null)]
    [Trait("Requirement", "MAJ-05")]
    public async Task Archive_SlackRoomArchivedWithConversationsArchive_RefusalLeavesItOpenAndSaysWhy_OtherRoomsNotSlacks(
        ChatPlatform platform, string? error, bool archived, string? notice)
    {
        if (error is not null)
        {
            bot.Overrides["conversations.archive"] = _ => RecordingHandler.Json(HttpStatusCode.OK,
                new { ok = false, error, needed = error == "missing_scope" ? "channels:manage" : null });
        }

        var rooms = bot.Services.GetRequiredService<ItsmChatOps.Bot.WarRooms.IWarRoomChannels>();
        var mark = bot.Slack.Requests.Count;

        var done = await rooms.ArchiveAsync(
            new WarRoomView(platform, WarRoomMode.Channel, "C0WARROOM1", "https://slack.com/app_redirect?channel=C0WARROOM1", bot.Time.GetUtcNow(), null, null),
            CancellationToken.None);

        var calls = bot.CallsSince(mark);
        if (platform != ChatPlatform.Slack)
        {
            Assert.Empty(calls); // a room opened elsewhere is archived where it was opened
            return;
        }

        Assert.Equal(archived, done.Archived);
        if (notice is null)
        {
            Assert.Null(done.Notice);
        }
        else
        {
            Assert.Contains(notice, done.Notice ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.Equal("C0WARROOM1", Assert.Single(calls, c => c.Method() == "conversations.archive").Node()["channel"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("missing_scope", "needs the channels:manage scope")]
    [InlineData("invalid_name_specials", "Slack refused the channel name #mi-")]
    [InlineData("restricted_action", "only lets admins create channels")]
    [Trait("Requirement", "MAJ-05")]
    public async Task Declare_SlackRefusesTheChannel_DeclaredAndTheDeclarerToldWhy_NothingElseCalled(string error, string told)
    {
        await LinkAsync(SlackBot.Heidi);
        var incident = await RaiseAsync("CRM dashboards are blank");
        bot.Overrides["conversations.create"] = _ => RecordingHandler.Json(HttpStatusCode.OK,
            new { ok = false, error, needed = error == "missing_scope" ? "channels:manage" : null, provided = "chat:write,commands" });
        var mark = bot.Slack.Requests.Count;

        await SendAsync(SlackRequests.Interaction(Declare(incident), bot.Time.GetUtcNow()));
        await bot.IdleAsync();

        var calls = bot.CallsSince(mark);
        Assert.Single(calls, c => c.Method() == "conversations.create"); // not tried again: it would not change
        Assert.DoesNotContain(calls, c => c.Method() is "conversations.invite" or "chat.postMessage" or "pins.add");
        Assert.Contains(calls, c => c.Method() is "response_url" or "chat.update" && c.SlackText().Contains(told, StringComparison.Ordinal));
        var major = await MajorOfAsync(incident);
        Assert.Equal((MajorIncidentState.Declared, null), (major.State, major.WarRoom));
        Assert.DoesNotContain(await NotifyAsync(), c => c.Method() == "conversations.create"); // the declaration's event does not try again
    }

    [Fact]
    [Trait("Requirement", "MAJ-06")]
    public async Task UpdateForm_TooShortThenRight_ErrorUnderTheFieldAndNothingPosted_ThenOneUpdate()
    {
        await LinkAsync(SlackBot.Heidi);
        var incident = await RaiseAsync("CRM mail merge fails");
        await SendAsync(SlackRequests.Interaction(Declare(incident), bot.Time.GetUtcNow()));
        await bot.IdleAsync();
        var major = await MajorOfAsync(incident);
        var metadata = new { verb = "major.update", majorIncidentId = major.Id, channel = major.WarRoom!.ChannelId };
        (string, string)[] words = [("status", "ok"), ("businessImpact", "Sales cannot merge letters"), ("actions", "Restarting the mail service")];

        using var refused = await Client.SendAsync(SlackRequests.Interaction(
            SlackPayloads.FormSubmission(SlackBot.Heidi.Id, slack.NextId("V0UPD"), "major.update", metadata, words), bot.Time.GetUtcNow()));
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        await bot.IdleAsync();
        Assert.Equal("errors", errors["response_action"]!.GetValue<string>());
        Assert.Equal("At least 3 characters, please.", errors["errors"]!["status"]!.GetValue<string>());
        Assert.Empty((await MajorOfAsync(incident)).Updates);

        words[0] = ("status", "Mail service restarting");
        using var accepted = await Client.SendAsync(SlackRequests.Interaction(
            SlackPayloads.FormSubmission(SlackBot.Heidi.Id, slack.NextId("V0UPD"), "major.update", metadata, words), bot.Time.GetUtcNow()));
        Assert.Equal("update", JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["response_action"]!.GetValue<string>());
        await bot.IdleAsync();
        Assert.Equal("Mail service restarting", Assert.Single((await MajorOfAsync(incident)).Updates).Status);
    }

    private static object Declare(string incident) => SlackRequests.BlockAction(SlackBot.Heidi.Id, "major.declare",
        new { verb = "major.declare", incidentId = incident, reason = "Sales cannot work" }, channel: ServiceDesk, actionTs: $"1700000300.{Guid.NewGuid():N}"[..24]);

    private static object Reaction(string user, string emoji, string channel, string ts, string eventId) => new
    {
        type = "event_callback",
        team_id = SlackRequests.TeamId,
        api_app_id = SlackRequests.AppId,
        event_id = eventId,
        event_time = 1700000600,
        authorizations = new[] { new { team_id = SlackRequests.TeamId, user_id = "U0ITSMBOT", is_bot = true } },
        @event = new { type = "reaction_added", user, reaction = emoji, item_user = SlackBot.Bob.Id, item = new { type = "message", channel, ts }, event_ts = "1700000601.000100" },
    };

    /// <summary>The calls of the named methods, in order, each exactly once.</summary>
    private static List<RecordedRequest> Calls(IReadOnlyList<RecordedRequest> calls, params string[] methods)
    {
        var picked = calls.Where(c => methods.Contains(c.Method())).ToList();
        Assert.Equal(methods, picked.Select(c => c.Method()));
        return picked;
    }

    private async Task SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>The person is linked to their Slack id the first time they write to the bot.</summary>
    private async Task LinkAsync(SlackUserStub user)
    {
        await SendAsync(SlackRequests.Event(SlackRequests.DirectMessage(user.Id, "my incidents", slack.NextId("EvLink"), "D0DM" + user.Id), bot.Time.GetUtcNow()));
        await bot.IdleAsync();
    }

    private async Task<IReadOnlyList<RecordedRequest>> NotifyAsync()
    {
        var mark = bot.Slack.Requests.Count;
        await slack.Api.RelayAsync();
        await bot.Services.GetRequiredService<Notifier>().PollOnceAsync(CancellationToken.None);
        return bot.CallsSince(mark);
    }

    private async Task<string> RaiseAsync(string summary)
    {
        using var reporter = slack.Api.As("dave@contoso.test");
        var created = await reporter.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = $"{summary} {slack.NextId("w")}", ServiceId = "svc-crm", Category = "Software", Impact = Impact.Medium, Urgency = Urgency.Medium,
        }, ItsmJson.Options);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id;
    }

    private async Task<MajorIncidentResponse> MajorOfAsync(string incident)
    {
        using var heidi = slack.Api.As("heidi@contoso.test");
        var open = await heidi.GetFromJsonAsync<IReadOnlyList<OpenMajorIncidentView>>("api/major-incidents?serviceId=svc-crm", ItsmJson.Options);
        var id = open!.Single(m => m.IncidentId == incident).Id;
        return (await heidi.GetFromJsonAsync<MajorIncidentResponse>($"api/major-incidents/{id}", ItsmJson.Options))!;
    }

    private async Task<IReadOnlyList<EventResponse>> TimelineAsync(string majorIncidentId)
    {
        using var heidi = slack.Api.As("heidi@contoso.test");
        return (await heidi.GetFromJsonAsync<IReadOnlyList<EventResponse>>($"api/major-incidents/{majorIncidentId}/timeline", ItsmJson.Options))!;
    }
}
