using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.BotState;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Incidents;

public sealed class IntakeTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;

    public IntakeTests(ApiFactory api) => _api = api;

    [Theory]
    [Trait("Requirement", "INC-01")]
    [InlineData("outlok keeps askin for my pasword", "svc-email", Impact.Low, null)]
    [InlineData("VPN drops every 10 minutes when I work from home", "svc-vpn", null, null)]
    [InlineData("URGENT: nobody in the office can get on the wifi", "svc-network", Impact.High, Urgency.High)]
    [InlineData("my payslip shows the wrong tax code, no rush", "svc-payroll", Impact.Low, Urgency.Low)]
    public async Task Draft_InfersServiceImpactAndUrgency_DespiteTypos(string text, string service, Impact? impact, Urgency? urgency)
    {
        var draft = await DraftAsync(text);
        Assert.Equal(service, draft.ServiceId);
        Assert.True(draft.ServiceConfidence >= 0.6, $"confidence {draft.ServiceConfidence}");
        Assert.Equal(impact, draft.Impact);
        Assert.Equal(urgency, draft.Urgency);
        Assert.DoesNotContain("serviceId", draft.StillNeeded);
        Assert.Equal(impact is null, draft.StillNeeded.Contains("impact"));
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    [Trait("Requirement", "SEC-03")]
    public async Task Draft_OfAPhishingReport_SuggestsSecurity_AndAVagueOne_AsksForTheService()
    {
        var phishing = await DraftAsync("I clicked a link in a strange email about an unpaid invoice. Now my laptop is slow.");
        Assert.True(phishing.LooksLikeSecurityIssue);
        Assert.Equal("Security > Phishing", phishing.Category);
        Assert.Equal("I clicked a link in a strange email about an unpaid invoice", phishing.Summary);
        var vague = await DraftAsync("it's broken again");
        Assert.Contains("serviceId", vague.StillNeeded);
        Assert.False(vague.LooksLikeSecurityIssue);
        Assert.Equal("It's broken again", vague.Summary);
    }

    [Fact]
    public async Task BotState_CreateOnly_CompareAndSwap_AndExpiry()
    {
        var bot = _api.AsBot(null);
        var create = new PutBotStateRequest(new JsonObject { ["cursor"] = "41" }, 60);
        var created = await SendAsync(bot, "cursor:notifier", create, ("If-None-Match", "*"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(bot, "cursor:notifier", create, ("If-None-Match", "*"))).StatusCode);
        var entry = await created.ReadAsync<BotStateEntry>(HttpStatusCode.Created);
        var swapped = await SendAsync(bot, "cursor:notifier", new PutBotStateRequest(new JsonObject { ["cursor"] = "42" }, 60), ("If-Match", entry.ETag));
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(bot, "cursor:notifier", create, ("If-Match", entry.ETag))).StatusCode);
        _api.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await bot.GetAsync("/api/bot-state/cursor:notifier")).StatusCode);
        await (await _api.As("dave@contoso.test").GetAsync("/api/bot-state/cursor:notifier")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<IncidentDraft> DraftAsync(string text) =>
        await (await _api.AsBot("dave", Channel.WebChat).PostJsonAsync("/api/incidents/drafts", new DraftIncidentRequest(text))).ReadAsync<IncidentDraft>();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string key, PutBotStateRequest body, (string Name, string Value) header)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/bot-state/{key}") { Content = System.Net.Http.Json.JsonContent.Create(body, options: ItsmJson.Options) };
        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        return client.SendAsync(request);
    }
}
