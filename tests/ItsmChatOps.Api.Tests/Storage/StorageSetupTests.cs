using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Cosmos;
using ItsmChatOps.Api.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Api.Tests.Storage;

[Trait("Category", "Storage")]
public sealed class StorageSetupTests(CosmosServerFixture server) : IClassFixture<CosmosServerFixture>, IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("itsm-setup-").FullName;

    [Fact]
    public async Task AddDocumentStore_NoProvider_UsesSqliteFileUnderContentRootAndIsReady()
    {
        using var host = Build([]);
        await host.StartAsync();

        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.CreateAsync("default|incident", "INC-1", new JsonObject());

        Assert.IsType<SqliteDocumentStore>(store);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "itsm.db")));
        Assert.Equal(HealthStatus.Healthy, await ReadinessAsync(host));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddDocumentStore_SqliteWithDeclaredIndex_CreatesThatIndexInTheConfiguredFile()
    {
        using var host = Build(new() { ["Storage:Provider"] = "sqlite", ["Storage:Sqlite:Path"] = "store/records.db" },
            services => services.AddStorageIndex("incident-queue", "incident", new SortKey("state"), new SortKey("openedAt", true)));
        await host.StartAsync();
        host.Services.GetRequiredService<IDocumentStore>();

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_contentRoot, "store", "records.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_incident_queue'";

        Assert.Equal(1L, await command.ExecuteScalarAsync());
        await host.StopAsync();
    }

    [Fact]
    public void AddDocumentStore_UnknownProvider_ThrowsNamingTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Storage:Provider"] = "Mongo" }));

        Assert.Contains("Sqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cosmos", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "Endpoint")]
    [InlineData("not a url", null, "Endpoint")]
    [InlineData("https://localhost:8081/", "not base64!", "Key")]
    public async Task AddDocumentStore_CosmosMisconfigured_FailsAtStart(string? endpoint, string? key, string member)
    {
        using var host = Build(new() { ["Storage:Provider"] = "Cosmos", ["Storage:Cosmos:Endpoint"] = endpoint, ["Storage:Cosmos:Key"] = key });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDocumentStore_CosmosCreateIfNotExists_CreatesContainerWithIndexesAndIsReady()
    {
        var options = server.Options(CreateIfNotExists: true);
        using var host = Build(Cosmos(options), services => services.AddStorageIndex("incident-queue", "incident", new SortKey("state")));
        await host.StartAsync();

        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.CreateAsync("default|incident", "INC-1", new JsonObject { ["state"] = "new" });
        var container = await server.Client.GetContainer(options.DatabaseName, options.ContainerName).ReadContainerAsync();

        Assert.IsType<CosmosDocumentStore>(store);
        Assert.Equal(CosmosConnection.PartitionKeyPath, container.Resource.PartitionKeyPath);
        Assert.Contains(container.Resource.IndexingPolicy.CompositeIndexes, c => string.Join(",", c.Select(p => p.Path)) == "/pk,/state,/id");
        Assert.Equal(HealthStatus.Healthy, await ReadinessAsync(host));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddDocumentStore_CosmosCreateIfNotExistsInProduction_RefusesToStart()
    {
        using var host = Build(Cosmos(server.Options(CreateIfNotExists: true)), environment: Environments.Production);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("CreateIfNotExists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDocumentStore_CosmosContainerMissing_IsNotReady()
    {
        var settings = Cosmos(server.Options(CreateIfNotExists: false));
        settings["Storage:Cosmos:DatabaseName"] = $"missing-{Guid.NewGuid():N}";
        using var host = Build(settings);
        await host.StartAsync();

        Assert.Equal(HealthStatus.Unhealthy, await ReadinessAsync(host));
        await host.StopAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private static Dictionary<string, string?> Cosmos(CosmosStoreOptions options) => new()
    {
        ["Storage:Provider"] = "Cosmos",
        ["Storage:Cosmos:Endpoint"] = options.Endpoint!.ToString(),
        ["Storage:Cosmos:Key"] = options.Key,
        ["Storage:Cosmos:DatabaseName"] = options.DatabaseName,
        ["Storage:Cosmos:ContainerName"] = options.ContainerName,
        ["Storage:Cosmos:CreateIfNotExists"] = options.CreateIfNotExists.ToString(),
        ["Storage:Cosmos:AllowInsecureLoopbackCertificate"] = options.AllowInsecureLoopbackCertificate.ToString(),
    };

    private IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null, string environment = "Development")
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        services?.Invoke(builder.Services);
        builder.AddDocumentStore();
        return builder.Build();
    }

    private static async Task<HealthStatus> ReadinessAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
        Assert.Contains("storage", report.Entries.Keys);
        return report.Status;
    }
}
