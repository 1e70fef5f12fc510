using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Slack.SlackPayloads;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>"Is it fixed?" and the survey in Slack: buttons only the reporter's click counts for, replaced in place after it (INC-05, BRM-08).</summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackClosureTests(SlackFlowFixture slack)
{
    [Fact]
    [Trait("Requirement", "INC-05")]
    [Trait("Requirement", "BRM-08")]
    public async Task Resolved_ReporterConfirmsInSlack_OthersToldNotTheirs_CardReplacedInPlace_ThenSurvey()
    {
        var number = await RaiseAsync("Monitor goes black " + slack.NextId("m"));
        await slack.NotifyAsync(); // the created notices, if any
        await slack.Api.WorkToResolvedAsync(number);

        var delivered = await slack.NotifyAsync();
        var posted = delivered.Single(c => c.Method() == "chat.postMessage" && c.SlackText().Contains("Is it fixed?", StringComparison.Ordinal));
        var cardTs = JsonNode.Parse(posted.ResponseBody)!["ts"]!.GetValue<string>();
        // Once delivered, the card is brought up to date in place (the incident's new version, the close-by date).
        var updated = delivered.Last(c => c.Method() == "chat.update");
        Assert.Equal((posted.Node()["channel"]!.GetValue<string>(), cardTs), (updated.Node()["channel"]!.GetValue<string>(), updated.Node()["ts"]!.GetValue<string>()));
        var confirm = updated.Button("incident.confirm");

        Assert.Equal(SlackBot.Dave.Id, confirm["onlyFor"]!.GetValue<string>());
        var (_, notYours) = await slack.ExchangeAsync(at => SlackRequests.Interaction(
            SlackRequests.BlockAction(SlackBot.Ellen.Id, "incident.confirm", confirm, cardTs!, actionTs: slack.NextId("17.")), at), 1);
        Assert.Equal("response_url", notYours[0].Method());
        Assert.Equal(SlackTurns.NotYours, notYours[0].Node()["text"]!.GetValue<string>());
        Assert.Equal("ephemeral", notYours[0].Node()["response_type"]!.GetValue<string>());
        Assert.Equal(IncidentState.Resolved, (await slack.Api.GetAsync(number)).State);

        var mark = await slack.MarkAsync();
        var clicked = await slack.SendAsync(at => SlackRequests.Interaction(
            SlackRequests.BlockAction(SlackBot.Dave.Id, "incident.confirm", confirm, cardTs!, actionTs: slack.NextId("17.")), at));
        var replaced = await slack.Bot.WaitForCallAsync(mark, c => c.Method() == "response_url" && c.Node()["replace_original"]?.GetValue<bool>() == true);

        Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        Assert.Contains("Fixed and closed", replaced.SlackText(), StringComparison.Ordinal);
        Assert.Empty(JsonNodeButtons(replaced));
        Assert.Equal(IncidentState.Closed, (await slack.Api.GetAsync(number)).State);

        var survey = (await slack.NotifyAsync()).Last(c => c.Method() == "chat.postMessage" && c.SlackText().Contains("How did we do?", StringComparison.Ordinal));
        var four = SlackCalls.Buttons(survey.Node()).Select(v => JsonNode.Parse(v)!.AsObject()).Single(v => v["rating"]!.GetValue<string>() == "4");
        mark = await slack.MarkAsync();
        await slack.SendAsync(at => SlackRequests.Interaction(SlackRequests.BlockAction(SlackBot.Dave.Id, "survey.submit.4", four, "1700000900.000001",
            state: SlackPayloads.State(("comment", "Quick and friendly.")), actionTs: slack.NextId("17.")), at));
        var thanks = await slack.Bot.WaitForCallAsync(mark, c => c.Method() == "response_url" && c.Node()["replace_original"]?.GetValue<bool>() == true);

        Assert.Contains("Thanks for your feedback", thanks.SlackText(), StringComparison.Ordinal);
        Assert.Contains("*4 out of 5*", thanks.SlackText(), StringComparison.Ordinal);
        Assert.Contains("Quick and friendly.", thanks.SlackText(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "INC-17")]
    public async Task NotFixedWithoutReason_AskedForOne_NothingChanged()
    {
        var number = await RaiseAsync("Scanner jams " + slack.NextId("j"));
        await slack.Api.WorkToResolvedAsync(number);
        var incident = await slack.Api.GetAsync(number);
        var reject = new JsonObject { ["verb"] = "incident.reject", ["incidentId"] = number, ["etag"] = incident.ETag, ["onlyFor"] = SlackBot.Dave.Id };

        var (_, said) = await slack.ExchangeAsync(at => SlackRequests.Interaction(
            SlackRequests.BlockAction(SlackBot.Dave.Id, "incident.reject", reject, state: SlackPayloads.State(("reason", "  ")), actionTs: slack.NextId("17.")), at), 1);

        Assert.Equal("response_url", said[0].Method());
        Assert.Contains("Please tell us what's still wrong", said[0].SlackText(), StringComparison.Ordinal);
        Assert.Equal(IncidentState.Resolved, (await slack.Api.GetAsync(number)).State);
    }

    private async Task<string> RaiseAsync(string summary)
    {
        var mark = await slack.MarkAsync();
        await slack.SendAsync(at => SlackRequests.Interaction(ViewSubmission(SlackBot.Dave.Id, slack.NextId("V0RAISE"), "h", summary, Guid.NewGuid().ToString("N")), at));
        var shown = await slack.Bot.WaitForCallAsync(mark, c => c.Method() == "views.update");
        return AgentSteps.NumberIn(shown.SlackText());
    }

    private static IEnumerable<string> JsonNodeButtons(RecordedRequest call) => SlackCalls.Buttons(call.Node());
}
