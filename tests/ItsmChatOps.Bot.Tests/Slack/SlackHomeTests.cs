using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>The app's Home tab: the person's open incidents, the changes waiting for them and "Report a problem"; strangers told why not.</summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackHomeTests(SlackFlowFixture slack)
{
    [Fact]
    [Trait("Requirement", "INC-01")]
    [Trait("Requirement", "SEC-02")]
    public async Task HomeOpened_LinkedUser_OpenIncidentsApprovalsAndReportButtonPublished()
    {
        var summary = "Docking station flickers " + slack.NextId("h");
        var number = await RaiseAsDaveAsync(summary);
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Event(Opened(SlackBot.Dave.Id, slack.NextId("EvHome")), at));
        await slack.Bot.IdleAsync();

        var publish = Assert.Single(slack.Bot.CallsSince(mark), c => c.Method() == "views.publish");
        Assert.Equal(SlackBot.Dave.Id, publish.Node()["user_id"]!.GetValue<string>());
        var view = publish.Node()["view"]!.AsObject();
        Assert.Equal("home", view["type"]!.GetValue<string>());
        var words = publish.SlackText();
        Assert.Contains($"*{number}* · {summary}", words, StringComparison.Ordinal);
        Assert.Contains("No change is waiting for your decision.", words, StringComparison.Ordinal);
        Assert.Equal("incident.new", JsonNode.Parse(SlackCalls.Buttons(view).First())!["verb"]!.GetValue<string>());
        Assert.Contains(SlackCalls.Buttons(view), b => b.Contains($"\"incidentId\":\"{number}\"", StringComparison.Ordinal));
        Assert.True(view["blocks"]!.AsArray().Count <= 100);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task HomeOpened_UnmappedUser_NotLinkedMessage_NoButtonsNothingRead()
    {
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Event(Opened(SlackBot.Nobody.Id, slack.NextId("EvHome")), at));
        await slack.Bot.IdleAsync();

        var publish = Assert.Single(slack.Bot.CallsSince(mark), c => c.Method() == "views.publish");
        Assert.Equal(SlackBot.Nobody.Id, publish.Node()["user_id"]!.GetValue<string>());
        Assert.Contains("isn't linked to anyone the service desk knows", publish.SlackText(), StringComparison.Ordinal);
        Assert.Empty(SlackCalls.Buttons(publish.Node()));
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public async Task HomeClick_ReportAProblem_IncidentModalOpensWithTheTrigger()
    {
        var trigger = slack.NextId("trigger.home.");
        var click = new
        {
            type = "block_actions",
            team = new { id = SlackRequests.TeamId, domain = "contoso" },
            user = new { id = SlackBot.Dave.Id, name = "dave", team_id = SlackRequests.TeamId },
            api_app_id = SlackRequests.AppId,
            trigger_id = trigger,
            container = new { type = "view", view_id = "V0HOME0001" },
            view = new { id = "V0HOME0001", type = "home" },
            actions = new[] { new { type = "button", action_id = "incident.new", block_id = "b1", value = JsonSerializer.Serialize(new { verb = "incident.new" }), action_ts = slack.NextId("1700000900.") } },
        };
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Interaction(click, at));
        await slack.Bot.IdleAsync();

        var calls = slack.Bot.CallsSince(mark);
        var open = Assert.Single(calls, c => c.Method() == "views.open");
        Assert.Equal((trigger, "incident.create"), (open.Node()["trigger_id"]!.GetValue<string>(), open.Node()["view"]!["callback_id"]!.GetValue<string>()));
        Assert.DoesNotContain(calls, c => c.Method() is "views.update" or "views.publish");
    }

    private static object Opened(string user, string eventId) => new
    {
        team_id = SlackRequests.TeamId, api_app_id = SlackRequests.AppId, type = "event_callback", event_id = eventId,
        @event = new { type = "app_home_opened", user, channel = "D0HOME" + user[^3..], tab = "home", event_ts = "1700000000.2" },
    };

    private async Task<string> RaiseAsDaveAsync(string summary)
    {
        using var dave = slack.Api.As("dave@contoso.test");
        var created = await dave.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = summary, ServiceId = "svc-email", Category = "Software", Impact = Impact.Low, Urgency = Urgency.Low,
        }, ItsmJson.Options);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id;
    }
}
