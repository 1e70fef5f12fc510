using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Platform;

public sealed class RetrievalTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public RetrievalTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "RPT-10")]
    public async Task FilterByCategoryAndDateRange_ReturnsExactlyTheMatchingSet()
    {
        var from = _api.NextMonday();
        var vpn1 = await _steps.RaiseAsync(Requests.Incident("VPN drops", "svc-vpn", category: "Network > VPN"));
        _api.Clock.Advance(TimeSpan.FromHours(1));
        var wifi = await _steps.RaiseAsync(Requests.Incident("Wi-Fi slow", "svc-network", category: "Network > Wi-Fi"));
        var email = await _steps.RaiseAsync(Requests.Incident("Mail bounces", "svc-email", category: "Software > Email"));
        _api.Clock.Advance(TimeSpan.FromDays(2));
        await _steps.RaiseAsync(Requests.Incident("VPN again, later", "svc-vpn", category: "Network > VPN"));
        var to = from.AddDays(1);

        var network = await ListAsync($"category=Network&createdFrom={Iso(from)}&createdTo={Iso(to)}");
        Assert.Equal(new[] { vpn1.Id, wifi.Id }.Order(), network.Select(i => i.Id).Order());
        var vpnOnly = await ListAsync($"category={Uri.EscapeDataString("Network > VPN")}&createdFrom={Iso(from)}&createdTo={Iso(to)}");
        Assert.Equal(vpn1.Id, Assert.Single(vpnOnly).Id);
        var byService = await ListAsync($"serviceId=svc-email&createdFrom={Iso(from)}&createdTo={Iso(to)}");
        Assert.Equal(email.Id, Assert.Single(byService).Id);
    }

    [Fact]
    [Trait("Requirement", "RPT-10")]
    public async Task GroupQueue_PagesThroughEveryOpenIncidentByPriority()
    {
        var ids = new List<string>();
        foreach (var (impact, urgency) in new[] { (Impact.Low, Urgency.Low), (Impact.High, Urgency.High), (Impact.Medium, Urgency.Medium), (Impact.Medium, Urgency.High), (Impact.Low, Urgency.Low) })
        {
            var incident = await _steps.RaiseAsync(Requests.Incident("Queue item", "svc-workplace", impact, urgency, "Hardware > Printer"));
            await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-desktop" });
            ids.Add(incident.Id);
        }

        var all = new List<IncidentSummary>();
        string? continuation = null;
        do
        {
            var page = await (await _steps.Alice.GetAsync($"/api/incidents?groupId=grp-desktop&open=true&pageSize=2" + (continuation is null ? "" : $"&continuation={continuation}")))
                .ReadAsync<Page<IncidentSummary>>();
            Assert.True(page.Items.Count <= 2);
            all.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);

        Assert.Equal(ids.Order(), all.Select(i => i.Id).Order());
        Assert.Equal(all.Select(i => i.Priority).Order(), all.Select(i => i.Priority));
        await (await _steps.Alice.GetAsync("/api/incidents?continuation=garbage")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _steps.Alice.GetAsync("/api/incidents?state=Sleeping")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _steps.Alice.GetAsync("/api/incidents?pageSize=5000")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    [Trait("Requirement", "RPT-10")]
    public async Task Export_IsCsvOfTheSameFilters_WithFormulaInjectionNeutralised()
    {
        var incident = await _steps.RaiseAsync(Requests.Incident("=HYPERLINK(\"http://evil\")", "svc-crm", category: "Software > Business application"));
        var response = await _steps.Alice.GetAsync("/api/incidents/export?serviceId=svc-crm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,summary,state,priority", lines[0]);
        var row = Assert.Single(lines.Skip(1), l => l.StartsWith(incident.Id, StringComparison.Ordinal));
        Assert.Contains("'=HYPERLINK", row);
    }

    [Fact]
    [Trait("Requirement", "SLM-11")]
    public async Task BreachedFilter_ReturnsExactlyTheBreachedIncidents()
    {
        _api.NextMonday();
        var late = await _steps.RaiseAsync(Requests.Incident("Breaches soon", "svc-crm", Impact.Medium, Urgency.High, "Software > Business application"));
        var fine = await _steps.RaiseAsync(Requests.Incident("Plenty of time", "svc-crm", Impact.Low, Urgency.Low, "Software > Business application"));
        _api.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var breached = await ListAsync("breached=resolution&serviceId=svc-crm");
        Assert.Contains(breached, i => i.Id == late.Id && i.Sla.ResolutionBreached);
        Assert.DoesNotContain(breached, i => i.Id == fine.Id);
        var response = await ListAsync("breached=response&serviceId=svc-crm");
        Assert.Contains(response, i => i.Id == late.Id);
    }

    private async Task<IReadOnlyList<IncidentSummary>> ListAsync(string query) =>
        (await (await _steps.Alice.GetAsync($"/api/incidents?pageSize=200&{query}")).ReadAsync<Page<IncidentSummary>>()).Items;

    private static string Iso(DateTimeOffset value) => Uri.EscapeDataString(UtcTimestampConverter.Text(value));
}
