using System.Net;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Api.Tests.ConfigurationItems;

/// <summary>CFG-07 history and asOf reads, and the CFG-14 chat lookup.</summary>
public sealed class CiHistoryTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public CiHistoryTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CFG-07")]
    public async Task LocationChangedOnTheFirst_AsOfTheDayBefore_ReturnsTheOldLocation()
    {
        var created = await (await _steps.Cora.PostJsonAsync("/api/cis", CiRecordTests.Server("print-srv-01") with { Location = "Leeds office, comms room" }))
            .ReadAsync<CiResponse>(HttpStatusCode.Created);
        var dayBefore = _api.Clock.GetUtcNow().AddHours(2);
        _api.Clock.Advance(TimeSpan.FromDays(1));
        await (await _steps.Cora.PatchJsonAsync($"/api/cis/{created.Id}", new UpdateCiRequest { Location = "London data centre, rack C2" })).ReadAsync<CiResponse>();
        _api.Clock.Advance(TimeSpan.FromHours(1));
        await (await _steps.Cora.PostJsonAsync($"/api/cis/{created.Id}/relationships", new AddRelationshipRequest { Kind = RelationshipKind.RunsOn, TargetId = "CI-000007" }))
            .ReadAsync<CiResponse>();

        var then = await (await _steps.Cora.GetAsync($"/api/cis/{created.Id}?asOf={Iso(dayBefore)}")).ReadAsync<CiResponse>();
        var now = await (await _steps.Cora.GetAsync($"/api/cis/{created.Id}")).ReadAsync<CiResponse>();
        var history = await (await _steps.Cora.GetAsync($"/api/cis/{created.Id}/history")).ReadAsync<IReadOnlyList<CiVersionResponse>>();
        var beforeItExisted = await _steps.Cora.GetAsync($"/api/cis/{created.Id}?asOf={Iso(created.CreatedAt.AddMinutes(-1))}");

        Assert.Equal("Leeds office, comms room", then.Location);
        Assert.Equal(dayBefore, then.AsOf);
        Assert.Empty(then.Relationships);
        Assert.Equal("London data centre, rack C2", now.Location);
        Assert.Equal([1, 2, 3], history.Select(v => v.Revision));
        Assert.Equal(["CiRegistered", "CiUpdated", "CiRelationshipAdded"], history.Select(v => v.Kind));
        Assert.Equal(["location"], history[1].ChangedFields);
        Assert.Equal([RelationshipKind.RunsOn], history[2].Ci.Relationships.Select(r => r.Kind));
        Assert.Equal(HttpStatusCode.NotFound, beforeItExisted.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-07")]
    [Trait("Requirement", "CFG-06")]
    public async Task EveryStateChange_IsAVersionWithItsTime()
    {
        var created = await (await _steps.Cora.PostJsonAsync("/api/cis", CiRecordTests.Server("print-srv-02") with { State = CiState.Ordered }))
            .ReadAsync<CiResponse>(HttpStatusCode.Created);
        _api.Clock.Advance(TimeSpan.FromHours(3));

        var received = await (await _steps.Cora.PostJsonAsync($"/api/cis/{created.Id}/transitions", new TransitionCiRequest { To = CiState.Received })).ReadAsync<CiResponse>();
        var history = await (await _steps.Cora.GetAsync($"/api/cis/{created.Id}/history")).ReadAsync<IReadOnlyList<CiVersionResponse>>();
        var skip = await _steps.Cora.PostJsonAsync($"/api/cis/{created.Id}/transitions", new TransitionCiRequest { To = CiState.Live });

        Assert.Equal(created.StateChangedAt.AddHours(3), received.StateChangedAt);
        Assert.Equal([CiState.Ordered, CiState.Received], history.Select(v => v.Ci.State));
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-14")]
    public async Task Lookup_ByName_ShowsStateOwnerServicesOpenIncidentsAndScheduledChanges()
    {
        _api.NextMonday();
        var incidents = new IncidentSteps(_api);
        var first = await incidents.RaiseAsync(Requests.Incident("VPN drops every ten minutes", "svc-vpn") with { CiIds = [ChangeSteps.VpnGateway] });
        var second = await incidents.RaiseAsync(Requests.Incident("VPN will not connect from the hotel", "svc-vpn") with { CiIds = [ChangeSteps.VpnGateway] });
        var change = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.VpnGateway) with { ImplementerId = "nina", Title = "Upgrade the VPN gateway firmware" });
        await (await incidents.Alice.PostJsonAsync($"/api/incidents/{first.Id}/links", new LinkIncidentRequest(IncidentLinkKind.Problem, "PRB-000012"))).ReadAsync<IncidentResponse>();

        var lookup = await (await _steps.Alice.GetAsync("/api/cis/lookup?q=vpn-gw")).ReadAsync<CiLookupResponse>();
        var byMarking = await (await _steps.Alice.GetAsync("/api/cis/lookup?q=PP-ENT-22817")).ReadAsync<CiLookupResponse>();
        var forCustomer = await _steps.As("erin").GetAsync("/api/cis/lookup?q=vpn-gw");

        var card = Assert.Single(lookup.Matches);
        Assert.Equal((ChangeSteps.VpnGateway, CiState.Live), (card.Ci.Id, card.Ci.State));
        Assert.Equal(("nina", "Nina Network"), (card.Owner.Id, card.Owner.Name));
        Assert.Equal("Network device", card.TypeName);
        Assert.Equal(["Remote access (VPN)"], card.SupportedServices.Select(s => s.Name));
        Assert.Equal(2, card.OpenIncidents.Count);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), card.OpenIncidents.Ids.Order());
        Assert.Equal([change.Id], card.ScheduledChanges.Select(c => c.Id));
        Assert.Equal(0, card.Problems.Count);
        Assert.Null(card.LastAudit);
        Assert.Equal("CI-000017", Assert.Single(byMarking.Matches).Ci.Id);
        Assert.Equal(HttpStatusCode.Forbidden, forCustomer.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-14")]
    public async Task Lookup_CountsTheProblemsAndKnownErrorsLinkedToTheCi()
    {
        var links = _api.Services.GetRequiredService<LinkStore>();
        var now = _api.Clock.GetUtcNow();
        await links.AddAsync("PRB-000012", "ConfigurationItem", ChangeSteps.SmtpRelay, Actor.System, now, CancellationToken.None);
        await links.AddAsync("KE-000004", "SuspectedCi", ChangeSteps.SmtpRelay, Actor.System, now, CancellationToken.None);
        await links.AddAsync("INC-000999", "ConfigurationItem", ChangeSteps.SmtpRelay, Actor.System, now, CancellationToken.None);

        var card = Assert.Single((await (await _steps.Alice.GetAsync($"/api/cis/lookup?q={ChangeSteps.SmtpRelay}")).ReadAsync<CiLookupResponse>()).Matches);

        Assert.Equal(1, card.Problems.Count);
        Assert.Equal(["PRB-000012"], card.Problems.Ids);
        Assert.Equal(1, card.KnownErrors.Count);
        Assert.Equal(["KE-000004"], card.KnownErrors.Ids);
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(Client.UtcTimestampConverter.Text(at));
}
