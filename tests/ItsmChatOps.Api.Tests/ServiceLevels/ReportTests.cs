using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Reporting;
using ItsmChatOps.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Api.Tests.ServiceLevels;

public sealed class ReportTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public ReportTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "RPT-02")]
    public async Task SlaReport_TenP2sTwoBreached_Is80PercentWithBothCausesListed_AsJsonCsvAndCharts()
    {
        var from = _api.NextMonday(9);
        var resolved = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            resolved.Add((await _steps.InProgressWithBobAsync(Requests.Incident($"VPN issue {i}", "svc-vpn", Impact.Medium, Urgency.High, "Network > VPN"))).Id);
        }

        foreach (var id in resolved.Take(8))
        {
            await _steps.MoveAsync(_steps.Bob, id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        }

        _api.Clock.Advance(TimeSpan.FromHours(9));
        var causes = new[] { ("Supplier delay", "Vendor patch took a day."), ("Wrong assignment", "Sat in the wrong queue overnight.") };
        foreach (var (id, (cause, note)) in resolved.Skip(8).Zip(causes))
        {
            await _steps.MoveAsync(_steps.Bob, id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution(), BreachCause = cause, BreachNote = note });
        }

        var query = $"serviceId=svc-vpn&from={Uri.EscapeDataString(UtcTimestampConverter.Text(from))}";
        var report = await (await _steps.Alice.GetAsync($"/api/reports/sla?{query}")).ReadAsync<SlaReport>();
        var p2 = report.ByPriority.Single(p => p.Priority == Priority.P2);
        Assert.Equal((10, 10, 80.0, 2), (p2.Count, p2.Resolved, p2.ResolvedWithinTarget!.Value, p2.Breached));
        Assert.Equal(["Supplier delay", "Wrong assignment"], report.Breaches.Select(b => b.Cause).Order());
        Assert.Equal(1, report.BreachesByCause["Supplier delay"]);
        Assert.NotEmpty(report.NotCovered);

        var csv = await (await _steps.Alice.GetAsync($"/api/reports/sla/export?{query}")).Content.ReadAsStringAsync();
        Assert.Contains("P2,10,10,100.0,10,80.0,2", csv);
        foreach (var chart in new[] { "attainment", "causes", "trend" })
        {
            var png = await _steps.Alice.GetAsync($"/api/reports/sla/charts/{chart}.png?{query}");
            Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
            var bytes = await png.Content.ReadAsByteArrayAsync();
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
            Assert.InRange(bytes.Length, 3_000, 150_000);
        }
    }

    [Fact]
    [Trait("Requirement", "RPT-03")]
    public async Task AtRisk_ListsTheP2DueSoonThenThe80PercentP3_AndLeavesOutThe50PercentP3()
    {
        var monday = _api.NextMonday(9);
        var p3Early = await _steps.InProgressWithBobAsync(Requests.Incident("Shared mailbox permissions", "svc-email", Impact.Medium, Urgency.Medium, "Software > Email"));
        _api.Clock.SetUtcNow(monday.AddDays(1));
        var p3Late = await _steps.InProgressWithBobAsync(Requests.Incident("Signature images missing", "svc-email", Impact.Medium, Urgency.Medium, "Software > Email"));
        _api.Clock.SetUtcNow(monday.AddDays(1).AddHours(5).AddMinutes(12));
        var p2 = await _steps.InProgressWithBobAsync(Requests.Incident("Calendar sync broken", "svc-email", Impact.Medium, Urgency.High, "Software > Email"));
        // Wednesday 12:12: the P2 is due at 14:12, the early P3 is 80% through its 24 service hours (due 17:00), the late one 47%.
        _api.Clock.SetUtcNow(monday.AddDays(2).AddHours(3).AddMinutes(12));
        var atRisk = await (await _steps.Alice.GetAsync("/api/reports/at-risk?groupId=grp-messaging&hours=24")).ReadAsync<List<AtRiskItem>>();
        Assert.Equal([p2.Id, p3Early.Id], atRisk.Where(i => i.Target == "Resolution").Select(i => i.IncidentId));
        Assert.Equal(0.8, atRisk.Single(i => i.IncidentId == p3Early.Id).ShareElapsed, 2);
        Assert.DoesNotContain(atRisk, i => i.IncidentId == p3Late.Id);
        await (await _steps.Dave.GetAsync("/api/reports/at-risk")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "RPT-03")]
    public async Task DailyDigest_GoesOncePerWorkingDayToEachGroupWithRecordsAtRisk()
    {
        var monday = _api.NextMonday(12);
        var risky = await _steps.InProgressWithBobAsync(Requests.Incident("Mail flow delayed", "svc-email", Impact.Medium, Urgency.High, "Software > Email"));
        _api.Clock.SetUtcNow(monday.AddHours(20)); // Tuesday 08:00: 5 of its 8 service hours gone, due at noon
        var digest = _api.Services.GetRequiredService<Api.Reporting.AtRiskDigest>();
        await digest.RunAsync(CancellationToken.None); // the background loop may have sent it already at 08:00
        Assert.Equal(0, await digest.RunAsync(CancellationToken.None));
        await _api.RelayEventsAsync();
        var events = new List<Client.Events.EventResponse>();
        for (string? cursor = null; ;)
        {
            var page = await (await _api.AsBot(null).GetAsync("/api/events?limit=500" + (cursor is null ? "" : $"&after={cursor}"))).ReadAsync<Client.Events.EventFeedPage>();
            if (page.Events.Count == 0)
            {
                break;
            }

            events.AddRange(page.Events);
            cursor = page.Cursor;
        }

        var sent = Assert.Single(events, e => e.Kind == "AtRiskDigest" && e.Notify.SequenceEqual(["group:grp-messaging"]));
        Assert.Contains(risky.Id, sent.Data!["items"]!.ToJsonString());
    }
}
