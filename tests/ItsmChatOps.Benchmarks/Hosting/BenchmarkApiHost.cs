using System.Net;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ItsmChatOps.Benchmarks.Hosting;

/// <summary>
/// The real API (its own Program) on Kestrel at 127.0.0.1 on a free port, over a fresh SQLite file in a
/// temp folder, in Development (the only environment that accepts development tokens), with the sample
/// data seeded and the no-op endpoints added. Background workers can be left idle for scenarios that
/// load a synthetic history directly into the store.
/// </summary>
public sealed class BenchmarkApiHost : WebApplicationFactory<ItsmChatOps.Api.Security.CallerResolver>
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("itsm-bench-");
    private readonly bool _backgroundWorkers;

    public BenchmarkApiHost(bool backgroundWorkers)
    {
        _backgroundWorkers = backgroundWorkers;
        this.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string DatabasePath => Path.Combine(_folder.FullName, "itsm.db");

    /// <summary>Starts the server and returns the address it listens on.</summary>
    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The API's appsettings are copied beside this program, which may run from any working directory.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting(AuthSetup.DevelopmentServiceKeySetting, TestTokens.ServiceKey);
        builder.UseSetting("Itsm:Seed:Enabled", "true");
        // Console logging per request would be measured along with the API; warnings and errors still show.
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, NoOpEndpoints>();
            if (!_backgroundWorkers)
            {
                IdleWorkers(services);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>
    /// A history loaded straight into the store was relayed, reacted to and timed long ago in the life it stands for;
    /// replaying its events or firing its timers now would measure those workers instead of the queries.
    /// </summary>
    private static void IdleWorkers(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i] is { ServiceType: var type, ImplementationFactory: { } factory } && type == typeof(IHostedService))
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => factory(sp) switch
                {
                    EventRelay or IncidentTimers or EventReactions => new IdleWorker(),
                    var worker => (IHostedService)worker,
                });
            }
        }
    }

    private sealed class IdleWorker : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
