using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Slack.SlackPayloads;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>The chat flows in Slack: same routes and flows as Teams, answered through the Web API and response_url.</summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackFlowTests(SlackFlowFixture slack)
{
    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task DirectMessage_UserUnknownToTheServiceDesk_ToldWhyAndNothingCreated()
    {
        var summary = "My printer is on fire " + slack.NextId("p");

        var (response, calls) = await slack.ExchangeAsync(at => SlackRequests.Event(SlackRequests.DirectMessage(SlackBot.Nobody.Id, "report " + summary, slack.NextId("Ev")), at), 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["users.info", "chat.postMessage"], calls.Select(c => c.Method()));
        Assert.Contains("isn't linked to anyone the service desk knows", calls[1].SlackText(), StringComparison.Ordinal);
        Assert.Empty(await slack.ReportedAsync(summary));
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task DirectMessage_MyIncidents_LinkedByDirectoryEmail_ListPostedWithTheBotToken()
    {
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Event(SlackRequests.DirectMessage(SlackBot.Ellen.Id, "my incidents", slack.NextId("Ev")), at));
        var posted = await slack.Bot.WaitForCallAsync(mark, "chat.postMessage");

        Assert.Equal("Bearer " + SlackRequests.BotToken, posted.Authorization);
        Assert.Equal("D0DM00001", posted.Node()["channel"]!.GetValue<string>());
        Assert.Contains("Your open incidents", posted.SlackText(), StringComparison.Ordinal);
        using var admin = slack.Api.As("grace@contoso.test");
        var ellen = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<Api.Client.People.PersonResponse>(admin, "api/people/ellen", Api.Client.ItsmJson.Options);
        Assert.Contains(ellen!.ChatIdentities, c => c.Platform == Api.Client.People.ChatPlatform.Slack && c.TenantId == SlackRequests.TeamId && c.UserId == SlackBot.Ellen.Id);
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public async Task SlashCommand_Report_AckedEmpty_ModalOpenedWithTheDraft()
    {
        var command = SlackRequests.SlashCommand(SlackBot.Dave.Id, "report Outlook keeps asking for my password", triggerId: slack.NextId("trig."));
        var mark = await slack.MarkAsync();

        var response = await slack.SendAsync(at => SlackRequests.Command(command, at));
        var open = await slack.Bot.WaitForCallAsync(mark, "views.open");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Equal(command["trigger_id"], open.Node()["trigger_id"]!.GetValue<string>());
        var view = open.Node()["view"]!;
        Assert.Equal("incident.create", view["callback_id"]!.GetValue<string>());
        Assert.Contains("Outlook", view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "summary")!["element"]!["initial_value"]!.GetValue<string>(), StringComparison.Ordinal);
        var metadata = JsonNode.Parse(view["private_metadata"]!.GetValue<string>())!;
        Assert.Equal("D0DM00001", metadata["channel"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(metadata["idempotencyKey"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("my incidents", "Your open incidents")]
    [InlineData("", "Here is what I can do")]
    [InlineData("status INC-999999", "INC-999999")]
    public async Task SlashCommand_SameVerbsAsTeams_AnsweredToTheUserAloneThroughResponseUrl(string text, string expected)
    {
        var mark = await slack.MarkAsync();

        var response = await slack.SendAsync(at => SlackRequests.Command(SlackRequests.SlashCommand(SlackBot.Dave.Id, text, "C0GENERAL", slack.NextId("trig.")), at));
        var answer = await slack.Bot.WaitForCallAsync(mark, "response_url");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://hooks.slack.com/commands/T0SLACK01/1234/abcd", answer.Uri.ToString());
        Assert.Equal("ephemeral", answer.Node()["response_type"]!.GetValue<string>());
        Assert.Contains(expected, answer.SlackText(), StringComparison.Ordinal);
        await slack.Bot.IdleAsync();
        Assert.DoesNotContain(slack.Bot.CallsSince(mark), c => c.Method() == "chat.postMessage");
    }

    /// <summary>Slack may deliver the same submission again, and a person may submit twice: one incident.</summary>
    [Fact]
    [Trait("Requirement", "INC-01")]
    [Trait("Requirement", "SEC-02")]
    public async Task ViewSubmission_SentAgainAndResubmitted_OneIncident_ModalShowsIt()
    {
        var summary = "Docking station flickers " + slack.NextId("d");
        var key = Guid.NewGuid().ToString("N");
        var viewId = slack.NextId("V0SUB");
        var payload = ViewSubmission(SlackBot.Dave.Id, viewId, "hash-1", summary, key);
        var mark = await slack.MarkAsync();

        var first = await slack.SendAsync(at => SlackRequests.Interaction(payload, at));
        var shown = await slack.Bot.WaitForCallAsync(mark, "views.update");
        var afterFirst = await slack.MarkAsync();
        var again = await slack.SendAsync(at => SlackRequests.Interaction(payload, at));
        var resubmitted = await slack.SendAsync(at => SlackRequests.Interaction(ViewSubmission(SlackBot.Dave.Id, viewId, "hash-2", summary, key), at));
        var shownAgain = await slack.Bot.WaitForCallAsync(afterFirst, "views.update");
        await slack.Bot.IdleAsync();

        var ack = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal("update", ack["response_action"]!.GetValue<string>());
        Assert.Equal("modal", ack["view"]!["type"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (again.StatusCode, resubmitted.StatusCode));
        Assert.Equal(viewId, shown.Node()["view_id"]!.GetValue<string>());
        Assert.Contains("raised", shown.SlackText(), StringComparison.Ordinal);
        var reported = Assert.Single(await slack.ReportedAsync(summary));
        Assert.Equal("dave", reported.ReporterId); // the same person as Dave's Teams identity (SEC-02)
        Assert.Contains(reported.Id, shown.SlackText(), StringComparison.Ordinal);
        Assert.Contains(reported.Id, shownAgain.SlackText(), StringComparison.Ordinal); // the resubmission answers with the first result
        Assert.Single(slack.Bot.CallsSince(afterFirst), c => c.Method() == "views.update"); // the repeated delivery did nothing
    }

    [Fact]
    public async Task Event_RetriedBySlack_AnsweredOnce()
    {
        var eventId = slack.NextId("EvRetry");
        var mark = await slack.MarkAsync();

        var first = await slack.SendAsync(at => SlackRequests.Event(SlackRequests.DirectMessage(SlackBot.Dave.Id, "help", eventId), at));
        await slack.Bot.WaitForCallAsync(mark, "chat.postMessage");
        var retry = await slack.SendAsync(at => SlackRequests.Event(SlackRequests.DirectMessage(SlackBot.Dave.Id, "help", eventId), at,
            ("X-Slack-Retry-Num", "1"), ("X-Slack-Retry-Reason", "http_timeout")));
        var probe = await slack.SendAsync(at => SlackRequests.Event(SlackRequests.DirectMessage(SlackBot.Dave.Id, "hello", slack.NextId("EvProbe")), at));
        await slack.Bot.WaitForCallAsync(mark, c => c.Method() == "chat.postMessage" && c.SlackText().StartsWith("Hello!", StringComparison.Ordinal));
        await slack.Bot.IdleAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode, probe.StatusCode));
        var posts = slack.Bot.CallsSince(mark).Where(c => c.Method() == "chat.postMessage").ToList();
        Assert.Equal(2, posts.Count); // the help once, then the greeting queued after the retry
        Assert.Contains("Here is what I can do", posts[0].SlackText(), StringComparison.Ordinal);
        Assert.StartsWith("Hello!", posts[1].SlackText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppHomeOpened_Twice_WelcomedOnce()
    {
        var user = SlackBot.Ellen.Id;
        object Opened(string id) => new
        {
            team_id = SlackRequests.TeamId, api_app_id = SlackRequests.AppId, type = "event_callback", event_id = id,
            @event = new { type = "app_home_opened", user, channel = "D0HOME001", tab = "messages", event_ts = "1700000000.1" },
        };
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Event(Opened(slack.NextId("EvHome")), at));
        await slack.Bot.WaitForCallAsync(mark, "chat.postMessage");
        await slack.SendAsync(at => SlackRequests.Event(Opened(slack.NextId("EvHome")), at));
        await slack.SendAsync(at => SlackRequests.Event(SlackRequests.DirectMessage(user, "thanks", slack.NextId("EvProbe"), "D0HOME001"), at));
        await slack.Bot.IdleAsync();

        var posts = slack.Bot.CallsSince(mark).Where(c => c.Method() == "chat.postMessage").Select(c => c.SlackText()).ToList();
        Assert.Single(posts, p => p.Contains("I am the ItsmChatOps service desk bot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mention_InChannel_AnsweredInTheThread()
    {
        var envelope = new
        {
            team_id = SlackRequests.TeamId, api_app_id = SlackRequests.AppId, type = "event_callback", event_id = slack.NextId("EvMention"),
            authorizations = new[] { new { user_id = SlackRequests.BotUserId } },
            @event = new { type = "app_mention", user = SlackBot.Dave.Id, text = $"<@{SlackRequests.BotUserId}> status", channel = "C0GENERAL", ts = "1700000500.000100" },
        };
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Event(envelope, at));
        var reply = await slack.Bot.WaitForCallAsync(mark, "chat.postMessage");

        Assert.Equal("C0GENERAL", reply.Node()["channel"]!.GetValue<string>());
        Assert.Equal("1700000500.000100", reply.Node()["thread_ts"]!.GetValue<string>());
        Assert.Contains("Which incident?", reply.SlackText(), StringComparison.Ordinal);
        Assert.Contains("*status*", reply.SlackText(), StringComparison.Ordinal); // Markdown bold as Slack mrkdwn
    }
}
