using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>
/// The SLA report's chart in Slack: the PNG is uploaded with files.uploadV2 (upload URL, the bytes without the bot token,
/// then completion into a conversation), always into the person's messages with the app, never into a shared channel.
/// </summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackChartTests(SlackFlowFixture slack)
{
    [Fact]
    [Trait("Requirement", "RPT-02")]
    public async Task SlaReport_InTheAppsMessages_ReportThenChartUploadedThere()
    {
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Event(SlackRequests.DirectMessage(SlackBot.Alice.Id, "sla report", slack.NextId("EvSla"), "D0DMALICE"), at));
        await slack.Bot.IdleAsync();

        var calls = slack.Bot.CallsSince(mark).Where(c => c.Method() is "chat.postMessage" or "files.getUploadURLExternal" or "file_upload" or "files.completeUploadExternal").ToList();
        Assert.Equal(["chat.postMessage", "files.getUploadURLExternal", "file_upload", "files.completeUploadExternal"], calls.Select(c => c.Method()));
        Assert.Contains("SLA report", calls[0].SlackText(), StringComparison.Ordinal);
        var slot = QueryHelpers.ParseQuery(calls[1].Body);
        Assert.Equal("sla-attainment.png", slot["filename"].ToString());
        var length = int.Parse(slot["length"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(length > 100, $"a PNG of {length} bytes");
        Assert.Equal("https://files.slack.com/upload/v1/CwABAAAAXw", calls[2].Uri.ToString());
        Assert.Equal((null, $"OK - {length}"), (calls[2].Authorization, calls[2].ResponseBody)); // the stub answers with the byte count it got
        Assert.StartsWith("\uFFFDPNG", calls[2].Body, StringComparison.Ordinal);
        var done = QueryHelpers.ParseQuery(calls[3].Body);
        Assert.Equal("D0DMALICE", done["channel_id"].ToString());
        Assert.Contains("\"id\":\"F0CHART01\"", done["files"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "RPT-02")]
    [Trait("Requirement", "SEC-01")]
    public async Task SlaReport_SlashCommandInAChannel_ReportToThePersonAlone_ChartToTheirMessagesNotTheChannel()
    {
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Command(SlackRequests.SlashCommand(SlackBot.Alice.Id, "sla report", "C0GENERAL", slack.NextId("trig.")), at));
        await slack.Bot.IdleAsync();

        var calls = slack.Bot.CallsSince(mark);
        Assert.Contains(calls, c => c.Method() == "response_url" && c.SlackText().Contains("SLA report", StringComparison.Ordinal));
        Assert.Equal(SlackBot.Alice.Id, Assert.Single(calls, c => c.Method() == "conversations.open").Node()["users"]!.GetValue<string>());
        var done = QueryHelpers.ParseQuery(Assert.Single(calls, c => c.Method() == "files.completeUploadExternal").Body);
        Assert.Equal("D0DM" + SlackBot.Alice.Id, done["channel_id"].ToString());
        Assert.DoesNotContain(calls, c => c.Body.Contains("C0GENERAL", StringComparison.Ordinal) && c.Method() != "response_url");
    }
}
