using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Slack.SlackPayloads;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>
/// Words checked before anything is sent: a rejection's reason, a dismissal's reason, a stakeholder update. A modal
/// submission in error gets the errors under its fields while Slack waits (response_action "errors"), and nothing is
/// queued or sent; a click without the words opens the form as a modal with the click's trigger.
/// </summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackFormTests(SlackFlowFixture slack)
{
    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        { "change.reject", "reason", 0, "CHG-", "Why do you reject it: this is needed." },
        { "change.reject", "reason", 4001, "CHG-", "At most 4000 characters; this has 4001." },
        { "problem.candidate.dismiss", "reason", 0, "PC-", "Why is this not a problem: this is needed." },
        { "problem.candidate.dismiss", "reason", 1001, "PC-", "At most 1000 characters; this has 1001." },
        { "major.update", "status", 0, "MI-", "Status: this is needed." },
        { "major.update", "status", 2001, "MI-", "At most 2000 characters; this has 2001." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Requirement", "CHG-05")]
    [Trait("Requirement", "MAJ-06")]
    [Trait("Requirement", "PRB-02")]
    public async Task ModalSubmitted_CommentMissingOrTooLong_ErrorUnderTheField_NothingQueuedOrSent(string verb, string field, int length, string idPrefix, string error)
    {
        var metadata = new { verb, changeId = idPrefix + "000001", candidateId = idPrefix + "000001", majorIncidentId = idPrefix + "000001", etag = "\"1\"", channel = "C0CAB0001" };
        var inputs = new List<(string, string)> { (field, new string('x', length)) };
        if (verb == "major.update")
        {
            inputs.AddRange([("businessImpact", "Sales cannot see accounts"), ("actions", "Restoring the primary")]);
        }

        var mark = await slack.MarkAsync();

        var response = await slack.SendAsync(at => SlackRequests.Interaction(FormSubmission(SlackBot.Dave.Id, slack.NextId("V0FORM"), verb, metadata, [.. inputs]), at));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await slack.Bot.IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.Equal(new JsonObject { [field] = error }.ToJsonString(), body["errors"]!.ToJsonString());
        Assert.Empty(slack.Bot.CallsSince(mark)); // no turn ran: no API call, no answer
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task Click_RejectWithoutReason_FormOpensAsAModalWithTheTrigger_NothingSent()
    {
        var actionTs = slack.NextId("1700000700.");
        var value = new { verb = "change.reject", changeId = "CHG-000001", etag = "\"7\"" };
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Interaction(
            SlackRequests.BlockAction(SlackBot.Dave.Id, "change.reject", value, channel: "C0CAB0001", state: SlackPayloads.State(("reason", " ")), actionTs: actionTs), at));
        await slack.Bot.IdleAsync();

        var open = Assert.Single(slack.Bot.CallsSince(mark));
        Assert.Equal(("views.open", "trigger-" + actionTs), (open.Method(), open.Node()["trigger_id"]!.GetValue<string>()));
        var view = open.Node()["view"]!;
        Assert.Equal(("modal", "change.reject"), (view["type"]!.GetValue<string>(), view["callback_id"]!.GetValue<string>()));
        var carried = JsonNode.Parse(view["private_metadata"]!.GetValue<string>())!;
        Assert.Equal(("CHG-000001", "\"7\"", "C0CAB0001"), (carried["changeId"]!.GetValue<string>(), carried["etag"]!.GetValue<string>(), carried["channel"]!.GetValue<string>()));
        var input = view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "reason")!;
        Assert.Equal((false, 3000), (input["optional"]!.GetValue<bool>(), input["element"]!["max_length"]!.GetValue<int>()));
        Assert.Empty(BlockKitRules.Violations(view.AsObject()));
    }

    [Fact]
    [Trait("Requirement", "KB-08")]
    public async Task Click_StillNeedHelp_IncidentFormOpensAsAModalWithTheQuestion()
    {
        var actionTs = slack.NextId("1700000800.");
        var value = new { verb = "knowledge.needhelp", question = "Outlook keeps asking for my password", serviceId = "svc-email", itemIds = "" };
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Interaction(SlackRequests.BlockAction(SlackBot.Dave.Id, "knowledge.needhelp", value, actionTs: actionTs), at));
        await slack.Bot.IdleAsync();

        var open = Assert.Single(slack.Bot.CallsSince(mark), c => c.Method() == "views.open");
        Assert.Equal("trigger-" + actionTs, open.Node()["trigger_id"]!.GetValue<string>());
        var view = open.Node()["view"]!;
        Assert.Equal("incident.create", view["callback_id"]!.GetValue<string>());
        Assert.Contains("Outlook keeps asking", view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "summary")!["element"]!["initial_value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(slack.Bot.CallsSince(mark), c => c.Method() == "response_url" && c.Body.Contains("\"type\":\"input\"", StringComparison.Ordinal));
    }
}
