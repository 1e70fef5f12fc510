using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Policies;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// The service-levels issue's "done when", in the local Web Chat: an agent is warned as a P2 approaches its
/// response target, asks what is at risk for the team, and reads the SLA report with its chart, switching
/// the chart in place. The P2 response target is shortened to 30 seconds (every hour of the day) for the
/// test, so the warning arrives while it watches; the policy is put back afterwards.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalChatCollection.Name)]
public sealed class ServiceLevelJourneyTests(LocalChatHost host)
{
    private const string Agent = "bob@contoso.test";

    [Fact]
    [Trait("Requirement", "SLM-09")]
    [Trait("Requirement", "RPT-02")]
    [Trait("Requirement", "RPT-03")]
    public async Task Agent_WarnedBeforeATargetPasses_SeesWhatIsAtRisk_AndReadsTheSlaReport()
    {
        var chat = await ChatPage.OpenAsync(host, Agent);
        using var admin = host.Agent("grace@contoso.test");
        var original = (await admin.GetFromJsonAsync<PolicyResponse>("api/policies/service-level-targets", ItsmJson.Options))!;
        await SaveTargetsAsync(admin, ShortP2Response(original.Body), original.ETag);
        try
        {
            var number = await RaiseP2ForMessagingAsync();

            var warning = await chat.CardAsync($"{number} has used 75% of its response time", timeout: 90_000);
            await Assertions.Expect(ChatPage.Button(warning, "View incident")).ToBeVisibleAsync();
            await chat.ScreenshotAsync("sla-1-warning");

            await chat.SendAsync("at-risk messaging");
            var atRisk = await chat.CardAsync("At risk: Messaging");
            await Assertions.Expect(atRisk.GetByText(number).First).ToBeVisibleAsync();
            await chat.ScreenshotAsync("sla-2-at-risk");

            await chat.SendAsync("sla report");
            var report = await chat.CardAsync("SLA report: all services");
            var chart = report.Locator("img[src^='data:image/png;base64,']").First;
            await Assertions.Expect(chart).ToBeVisibleAsync();
            await report.ScrollIntoViewIfNeededAsync();
            Assert.True(await chart.EvaluateAsync<bool>("img => img.complete && img.naturalWidth >= 400"), "The chart image did not load at chat-card size.");
            await chat.ScreenshotAsync("sla-3-report");

            await ChatPage.Button(report, "Weekly trend").ClickAsync();
            // Updated in place: the chart shown is now the trend, so its button gives way to the attainment chart's.
            var updated = chat.Page.Locator(".ac-adaptiveCard", new() { HasText = "SLA report: all services" }).Filter(new() { Visible = true }).Last;
            await Assertions.Expect(ChatPage.Button(updated, "Within target by priority")).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
            await Assertions.Expect(ChatPage.Button(updated, "Weekly trend")).ToHaveCountAsync(0);
            await updated.ScrollIntoViewIfNeededAsync();
            await chat.ScreenshotAsync("sla-4-report-trend");
        }
        finally
        {
            var current = (await admin.GetFromJsonAsync<PolicyResponse>("api/policies/service-level-targets", ItsmJson.Options))!;
            await SaveTargetsAsync(admin, original.Body, current.ETag);
            await chat.Page.CloseAsync();
        }
    }

    /// <summary>P2: a response within 30 seconds and a resolution within 4 hours, counted every hour of the day.</summary>
    private static JsonObject ShortP2Response(JsonObject targets)
    {
        var body = targets.DeepClone().AsObject();
        var p2 = body["targets"]!.AsArray().Single(t => (string?)t!["priority"] == "P2")!;
        p2["response"] = new JsonObject { ["value"] = 0.5, ["unit"] = "Minutes" };
        p2["resolution"] = new JsonObject { ["value"] = 4, ["unit"] = "Hours" };
        p2["twentyFourSeven"] = true;
        return body;
    }

    private static async Task SaveTargetsAsync(HttpClient admin, JsonObject body, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/policies/service-level-targets") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The service desk logs a P2 from a phone call and assigns it to Messaging, where nobody has taken it yet.</summary>
    private async Task<string> RaiseP2ForMessagingAsync()
    {
        using var alice = host.Agent("alice@contoso.test");
        using var created = await alice.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = "Payroll export stalls at 40% for the whole finance team",
            ServiceId = "svc-payroll",
            Category = "Software > Email",
            Impact = Impact.Medium,
            Urgency = Urgency.High,
            Source = IncidentSource.Phone,
            ReporterId = "ellen",
        }, ItsmJson.Options);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var incident = (await created.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!;
        Assert.Equal(Priority.P2, incident.Priority);
        using var assigned = await alice.PostAsJsonAsync($"api/incidents/{incident.Id}/transitions",
            new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = "grp-messaging" }, ItsmJson.Options);
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        return incident.Id;
    }
}
