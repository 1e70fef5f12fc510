using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.ConfigurationItems;

public sealed class RelationshipTests : IClassFixture<ApiFactory>
{
    private readonly ChangeSteps _steps;

    public RelationshipTests(ApiFactory api) => _steps = new ChangeSteps(api);

    [Fact]
    [Trait("Requirement", "CFG-03")]
    public async Task Impact_ServerUp_ReturnsTheDatabaseTheAppAndPayroll_AndDownReturnsTheServer()
    {
        var server = await CreateAsync("hr-sql-01", "server", new JsonObject { ["operatingSystem"] = "Windows Server 2022" });
        var database = await CreateAsync("HR database", "database", new JsonObject { ["engine"] = "SQL Server" });
        var app = await CreateAsync("HR self-service", "application", []);
        await RelateAsync(database.Id, RelationshipKind.RunsOn, server.Id);
        await RelateAsync(app.Id, RelationshipKind.DependsOn, database.Id);
        await RelateAsync(app.Id, RelationshipKind.Supports, ChangeSteps.Payroll);

        var up = await (await _steps.Cora.GetAsync($"/api/cis/{server.Id}/impact?direction=up&depth=5")).ReadAsync<ImpactResponse>();
        var down = await (await _steps.Cora.GetAsync($"/api/cis/{app.Id}/impact?direction=down&depth=5")).ReadAsync<ImpactResponse>();
        var shallow = await (await _steps.Cora.GetAsync($"/api/cis/{server.Id}/impact?direction=up&depth=1")).ReadAsync<ImpactResponse>();

        Assert.Equal([database.Id, app.Id], up.Cis.Select(c => c.Id));
        Assert.Equal([1, 2], up.Cis.Select(c => c.Distance));
        Assert.Equal([ChangeSteps.Payroll], up.Services.Select(s => s.Id));
        Assert.Equal(3, up.Services[0].Distance);
        Assert.Equal([database.Id, server.Id], down.Cis.Select(c => c.Id));
        Assert.Empty(down.Services);
        Assert.Equal([database.Id], shallow.Cis.Select(c => c.Id));
    }

    [Fact]
    [Trait("Requirement", "CFG-03")]
    public async Task PartOf_BackTheOtherWay_Is409_AndSoIsALongerCycle()
    {
        var a = await CreateAsync("Rack B5", "physical-asset", []);
        var b = await CreateAsync("Row B", "physical-asset", []);
        var c = await CreateAsync("Hall 2", "physical-asset", []);
        await RelateAsync(a.Id, RelationshipKind.PartOf, b.Id);
        await RelateAsync(b.Id, RelationshipKind.PartOf, c.Id);

        var direct = await (await _steps.Cora.PostJsonAsync($"/api/cis/{b.Id}/relationships", new AddRelationshipRequest { Kind = RelationshipKind.PartOf, TargetId = a.Id }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var longer = await (await _steps.Cora.PostJsonAsync($"/api/cis/{c.Id}/relationships", new AddRelationshipRequest { Kind = RelationshipKind.PartOf, TargetId = a.Id }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var otherKind = await _steps.Cora.PostJsonAsync($"/api/cis/{c.Id}/relationships", new AddRelationshipRequest { Kind = RelationshipKind.ConnectedTo, TargetId = a.Id });

        Assert.Contains("CFG-03", direct.Requirements());
        Assert.Contains("CFG-03", longer.Requirements());
        Assert.Equal(HttpStatusCode.OK, otherKind.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-03")]
    public async Task SameRelationshipTwice_Is409_AndBothEndsSeeIt()
    {
        var a = await CreateAsync("lab-host-01", "server", new JsonObject { ["operatingSystem"] = "Debian 12" });
        var b = await CreateAsync("lab-host-02", "server", new JsonObject { ["operatingSystem"] = "Debian 12" });
        await RelateAsync(a.Id, RelationshipKind.ConnectedTo, b.Id);

        var again = await (await _steps.Cora.PostJsonAsync($"/api/cis/{a.Id}/relationships", new AddRelationshipRequest { Kind = RelationshipKind.ConnectedTo, TargetId = b.Id }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var fromB = await (await _steps.Cora.GetAsync($"/api/cis/{b.Id}/relationships")).ReadAsync<IReadOnlyList<RelationshipEdge>>();

        Assert.Contains("CFG-03", again.Requirements());
        Assert.Equal([new RelationshipEdge(a.Id, RelationshipKind.ConnectedTo, b.Id, "incoming")], fromB);
    }

    [Fact]
    [Trait("Requirement", "CFG-03")]
    public async Task Impact_ThroughPeersAndSupportingServices_VisitsEachNodeOnce()
    {
        var up = await (await _steps.Cora.GetAsync("/api/cis/CI-000003/impact?direction=up&depth=6")).ReadAsync<ImpactResponse>();

        Assert.Equal(up.Cis.Count, up.Cis.Select(c => c.Id).Distinct().Count());
        Assert.Contains(up.Cis, c => c.Id == "CI-000004" && c.Via == RelationshipKind.ConnectedTo);
        Assert.Contains(up.Services, s => s.Id == "svc-network" && s.Distance == 1);
        Assert.Contains(up.Services, s => s.Id == "svc-email");
        Assert.DoesNotContain(up.Cis, c => c.Id == "CI-000003");
    }

    [Fact]
    [Trait("Requirement", "CFG-03")]
    public async Task Supports_ANameThatIsNoService_Is422()
    {
        var a = await CreateAsync("lab-host-03", "server", new JsonObject { ["operatingSystem"] = "Debian 12" });

        var problem = await (await _steps.Cora.PostJsonAsync($"/api/cis/{a.Id}/relationships", new AddRelationshipRequest { Kind = RelationshipKind.Supports, TargetId = "svc-teleport" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("targetId", problem.ErrorFields());
    }

    private async Task<CiResponse> CreateAsync(string name, string type, JsonObject attributes) =>
        await (await _steps.Cora.PostJsonAsync("/api/cis", new CreateCiRequest { Name = name, Type = type, OwnerId = "priya", Attributes = attributes }))
            .ReadAsync<CiResponse>(HttpStatusCode.Created);

    private async Task RelateAsync(string from, RelationshipKind kind, string to) =>
        await (await _steps.Cora.PostJsonAsync($"/api/cis/{from}/relationships", new AddRelationshipRequest { Kind = kind, TargetId = to })).ReadAsync<CiResponse>();
}
