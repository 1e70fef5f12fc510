using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.ConfigurationItems;

public sealed class CiRecordTests : IClassFixture<ApiFactory>
{
    private readonly ChangeSteps _steps;

    public CiRecordTests(ApiFactory api) => _steps = new ChangeSteps(api);

    public static CreateCiRequest Server(string name, string? marking = null, string? version = "1") => new()
    {
        Name = name,
        Type = "server",
        Version = version,
        OwnerId = "nina",
        Marking = marking ?? name,
        Criticality = Criticality.Medium,
        Attributes = new JsonObject { ["operatingSystem"] = "Ubuntu 24.04 LTS", ["cpuCores"] = 4 },
    };

    [Fact]
    [Trait("Requirement", "CFG-01")]
    public async Task Register_WithEverything_GetsTheNextImmutableCiNumberAfterTheSeededEstate()
    {
        var created = await (await _steps.Cora.PostJsonAsync("/api/cis", Server("build-agent-01"))).ReadAsync<CiResponse>(HttpStatusCode.Created);

        Assert.Matches("^CI-[0-9]{6}$", created.Id);
        Assert.True(int.Parse(created.Id[3..], System.Globalization.CultureInfo.InvariantCulture) > 22, created.Id);
        Assert.Equal(CiState.Received, created.State);
        Assert.Equal("nina", created.OwnerId);
        Assert.Equal(1, created.Revision);
    }

    [Fact]
    [Trait("Requirement", "CFG-01")]
    public async Task Register_WithoutOwner_Is422()
    {
        var problem = await (await _steps.Cora.PostJsonAsync("/api/cis", Server("build-agent-02") with { OwnerId = null })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("ownerId", problem.ErrorFields());
        Assert.Contains("CFG-01", problem.Requirements());
    }

    [Fact]
    [Trait("Requirement", "CFG-01")]
    public async Task Register_DuplicateMarkingWithinTheType_Is409_ButTheSameMarkingOnAnotherTypeIsFine()
    {
        await (await _steps.Cora.PostJsonAsync("/api/cis", Server("build-agent-03", "SRV-TAG-0042"))).ReadAsync<CiResponse>(HttpStatusCode.Created);

        var duplicate = await (await _steps.Cora.PostJsonAsync("/api/cis", Server("build-agent-04", "srv-tag-0042"))).ProblemAsync(HttpStatusCode.Conflict);
        var otherType = await _steps.Cora.PostJsonAsync("/api/cis", new CreateCiRequest
        {
            Name = "Rack PDU 42", Type = "physical-asset", OwnerId = "oscar", Marking = "SRV-TAG-0042",
        });

        Assert.Contains("CFG-01", duplicate.Requirements());
        Assert.Equal(HttpStatusCode.Created, otherType.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-01")]
    public async Task Register_SameNameTypeAndVersion_Is409_AnotherVersionIsFine()
    {
        await (await _steps.Cora.PostJsonAsync("/api/cis", Server("build-agent-05", "ba-05-a", "2.1"))).ReadAsync<CiResponse>(HttpStatusCode.Created);

        await (await _steps.Cora.PostJsonAsync("/api/cis", Server("build-agent-05", "ba-05-b", "2.1"))).ProblemAsync(HttpStatusCode.Conflict);
        var next = await _steps.Cora.PostJsonAsync("/api/cis", Server("build-agent-05", "ba-05-c", "2.2"));

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-01")]
    [Trait("Requirement", "CFG-02")]
    public async Task Register_MissingARequiredAttribute_Is422_AndAnAttributeOutsideTheSchemaToo()
    {
        var request = Server("build-agent-06") with { Attributes = new JsonObject { ["cpuCores"] = "four", ["colour"] = "blue" } };

        var problem = await (await _steps.Cora.PostJsonAsync("/api/cis", request)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("attributes.operatingSystem", problem.ErrorFields());
        Assert.Contains("attributes.cpuCores", problem.ErrorFields());
        Assert.Contains("attributes.colour", problem.ErrorFields());
    }

    [Fact]
    [Trait("Requirement", "CFG-01")]
    public async Task Register_ByAResolver_Is403()
    {
        var problem = await (await _steps.Nina.PostJsonAsync("/api/cis", Server("build-agent-07"))).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("CFG-01", problem.Requirements());
    }

    [Fact]
    [Trait("Requirement", "CFG-02")]
    public async Task DeleteType_WithLicenceCis_Is409()
    {
        var licence = await (await _steps.Cora.GetAsync("/api/ci-types/licence")).ReadAsync<CiTypeResponse>();

        var problem = await (await _steps.Cora.DeleteAsync("/api/ci-types/licence")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(3, licence.CiCount);
        Assert.Contains("CFG-02", problem.Requirements());
        Assert.Equal(HttpStatusCode.OK, (await _steps.Cora.GetAsync("/api/ci-types/licence")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-02")]
    public async Task AddType_ContainerImage_IsUsableAtOnce_AndAnUnusedTypeCanBeDeleted()
    {
        var saved = await (await _steps.Cora.PutJsonAsync("/api/ci-types/container-image", new SaveCiTypeRequest
        {
            Name = "Container image",
            MarkingLabel = "Digest",
            Attributes = [new("registry", AttributeType.Text, Required: true), new("tag", AttributeType.Text)],
        })).ReadAsync<CiTypeResponse>();
        var image = await _steps.Cora.PostJsonAsync("/api/cis", new CreateCiRequest
        {
            Name = "payroll-api", Type = "container-image", Version = "7.4.1", OwnerId = "priya", Marking = "sha256:4f1c",
            Attributes = new JsonObject { ["registry"] = "registry.contoso.test", ["tag"] = "7.4.1" },
        });
        await _steps.Cora.PutJsonAsync("/api/ci-types/scratch-type", new SaveCiTypeRequest { Name = "Scratch" });

        var deleted = await _steps.Cora.DeleteAsync("/api/ci-types/scratch-type");

        Assert.Equal(HttpStatusCode.Created, image.StatusCode);
        Assert.True(saved.PolicyVersion > 1);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _steps.Cora.GetAsync("/api/ci-types/scratch-type")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CFG-02")]
    public async Task DefaultTypes_CoverTheStandardsList()
    {
        var types = await (await _steps.Cora.GetAsync("/api/ci-types")).ReadAsync<IReadOnlyList<CiTypeResponse>>();

        string[] required =
        [
            "software-release", "system-documentation", "configuration-baseline", "definitive-library", "configuration-management-tool", "licence",
            "security-component", "physical-asset", "service-documentation", "supporting-facility", "service", "site", "business-unit", "person",
        ];
        Assert.All(required, id => Assert.Contains(types, t => t.Id == id));
        await (await _steps.Nina.PutJsonAsync("/api/ci-types/licence", new SaveCiTypeRequest { Name = "Licence" })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
