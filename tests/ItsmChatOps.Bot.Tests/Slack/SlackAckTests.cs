using System.Net;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>Slack wants an answer within 3 seconds whatever the work behind it costs: the bot acknowledges first.</summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackAckTests(SlackFlowFixture slack)
{
    [Fact]
    public async Task Event_ApiSlowToAnswer_AcknowledgedFirst_AnsweredOnceTheApiIsBack()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bot = new SlackBot(slack.Api, gate.Task);
        using var client = bot.CreateClient();

        // The answer comes while every call to the API is still held: an acknowledgement that waited for the API never would.
        var response = await bot.SendAsync(client, at => SlackRequests.Event(SlackRequests.DirectMessage(SlackBot.Dave.Id, "my incidents", slack.NextId("EvSlow")), at))
            .WaitAsync(TimeSpan.FromSeconds(20));
        await bot.ApiHeld.WaitAsync(TimeSpan.FromSeconds(20));
        var beforeTheApi = bot.Slack.Requests.Count;
        gate.SetResult();
        var sent = await bot.WaitForMethodAsync(0, "chat.postMessage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, beforeTheApi); // nothing could be answered while the API held every call
        Assert.Contains("Your open incidents", sent.SlackText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ViewSubmission_ApiSlowToAnswer_ModalAcknowledgedWithWorkingView()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bot = new SlackBot(slack.Api, gate.Task);
        using var client = bot.CreateClient();
        var summary = "Slow API submission " + slack.NextId("s");

        var response = await bot.SendAsync(client, at => SlackRequests.Interaction(
            SlackPayloads.ViewSubmission(SlackBot.Dave.Id, slack.NextId("V0SLOW"), "h", summary, Guid.NewGuid().ToString("N")), at)).WaitAsync(TimeSpan.FromSeconds(20));
        var body = await response.Content.ReadAsStringAsync();
        gate.SetResult();
        await bot.WaitForMethodAsync(0, "views.update");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"response_action\":\"update\"", body, StringComparison.Ordinal);
        Assert.Contains("Working on it", body, StringComparison.Ordinal);
        Assert.Single(await slack.ReportedAsync(summary));
    }
}
