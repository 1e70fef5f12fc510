using System.Net;
using System.Text.Json;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Slack.SlackPayloads;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>The Slack endpoints refuse what Slack did not sign, and answer Slack's own checks (SEC-02).</summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackEndpointTests(SlackFlowFixture slack)
{
    [Fact]
    public async Task UrlVerification_Signed_ChallengeEchoed()
    {
        var response = await slack.SendAsync(at => SlackRequests.Event(new { token = "t", challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type = "url_verification" }, at));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UrlVerification_Unsigned_Refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events")
        {
            Content = new StringContent("{\"type\":\"url_verification\",\"challenge\":\"abc\"}", System.Text.Encoding.UTF8, "application/json"),
        };

        var response = await slack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("abc", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SslCheck_Unsigned_Ok()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/commands")
        {
            Content = new FormUrlEncodedContent([new("ssl_check", "1"), new("token", "legacy")]),
        };

        var response = await slack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Refusals => ["bad signature", "stale timestamp", "replayed", "missing headers", "future timestamp"];

    /// <summary>A modal submission that would raise an incident, refused before anything runs: no record, no Slack call.</summary>
    [Theory]
    [MemberData(nameof(Refusals))]
    [Trait("Requirement", "SEC-02")]
    public async Task ViewSubmission_NotSignedBySlack_RefusedAndNothingCreated(string refusal)
    {
        var summary = "Refused submission " + slack.NextId("r");
        var payload = ViewSubmission(SlackBot.Dave.Id, slack.NextId("V0R"), slack.NextId("h"), summary, Guid.NewGuid().ToString("N"));
        var now = slack.Bot.Time.GetUtcNow();
        using var signed = SlackRequests.Interaction(payload, refusal switch
        {
            "stale timestamp" => now.AddMinutes(-6),
            "future timestamp" => now.AddMinutes(6),
            _ => now,
        });
        var body = await signed.Content!.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/interactivity")
        {
            Content = new StringContent(refusal == "bad signature" ? body.Replace("Refused", "Forged", StringComparison.Ordinal) : body,
                System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (refusal != "missing headers")
        {
            foreach (var header in signed.Headers)
            {
                request.Headers.Add(header.Key, header.Value);
            }
        }

        if (refusal == "replayed")
        {
            // A request captured in transit and sent again once its five minutes are over.
            slack.Bot.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        }

        var mark = await slack.MarkAsync();
        var response = await slack.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await slack.Bot.IdleAsync();
        Assert.Empty(slack.Bot.CallsSince(mark));
        Assert.Empty(await slack.ReportedAsync(summary));
        Assert.Empty(await slack.ReportedAsync(summary.Replace("Refused", "Forged", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Interactivity_SignedButNotJson_BadRequest()
    {
        var response = await slack.SendAsync(at => SlackRequests.Signed("/api/slack/interactivity", "payload=%7Bnot-json", "application/x-www-form-urlencoded", at));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ViewClosed_Signed_AcknowledgedAndIgnored()
    {
        var mark = await slack.MarkAsync();
        var payload = new { type = "view_closed", team = new { id = SlackRequests.TeamId }, user = new { id = SlackBot.Dave.Id }, view = new { id = "V0CLOSED1", callback_id = "incident.create" } };

        var response = await slack.SendAsync(at => SlackRequests.Interaction(payload, at));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await slack.Bot.IdleAsync();
        Assert.Empty(slack.Bot.CallsSince(mark));
        Assert.Equal(string.Empty, JsonSerializer.Serialize(await response.Content.ReadAsStringAsync()).Trim('"'));
    }
}
