using System.Security.Cryptography;
using ItsmChatOps.Api.Client.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ApiEntry = ItsmChatOps.Api.Security.CallerResolver;
using BotEntry = ItsmChatOps.Bot.Application.TurnRunner;

namespace ItsmChatOps.Benchmarks.Hosting;

/// <summary>
/// The API (Development, seeded, a fresh SQLite file) on Kestrel at a free loopback port, and the bot in front of
/// it with the same development key and the notifier off: what the chat scenarios measure. Each app is named by a
/// public type of its own assembly, since both have a Program class.
/// </summary>
public sealed class ChatStack : IDisposable
{
    private readonly string database = Path.Combine(Path.GetTempPath(), $"itsm-chat-bench-{Guid.NewGuid():N}.db");
    private readonly WebApplicationFactory<ApiEntry> api;

    /// <param name="apiSettings">Extra API settings (name, value).</param>
    /// <param name="botSettings">Extra bot settings (name, value).</param>
    /// <param name="botServices">Services the scenario replaces in the bot (its channel at the I/O seam).</param>
    /// <param name="botOnKestrel">Whether the bot listens on a loopback port (for HTTP scenarios) rather than in memory.</param>
    public ChatStack(IReadOnlyDictionary<string, string> apiSettings, IReadOnlyDictionary<string, string> botSettings, Action<IServiceCollection> botServices,
        bool botOnKestrel)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        api = new WebApplicationFactory<ApiEntry>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(ProjectFolder("api", "ItsmChatOps.Api"))
                .UseEnvironment("Development")
                .UseSetting("Storage:Provider", "Sqlite")
                .UseSetting("Storage:Sqlite:Path", database)
                .UseSetting(DevelopmentAuth.ServiceKeySetting, key)
                .UseSetting("Itsm:Seed:Enabled", "true")
                .UseSetting("Logging:LogLevel:Default", "Warning")
                .UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            foreach (var (name, value) in apiSettings)
            {
                builder.UseSetting(name, value);
            }
        });
        api.UseKestrel();
        api.StartServer();

        Bot = new WebApplicationFactory<BotEntry>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(ProjectFolder("bot", "ItsmChatOps.Bot"))
                .UseEnvironment("Development")
                .UseSetting("Bot:AppId", string.Empty)
                .UseSetting("Api:BaseUrl", Address(api.Services) + "/")
                .UseSetting(DevelopmentAuth.ServiceKeySetting, key)
                .UseSetting("Notifier:Enabled", "false")
                .UseSetting("Logging:LogLevel:Default", "Warning")
                .ConfigureTestServices(botServices);
            foreach (var (name, value) in botSettings)
            {
                builder.UseSetting(name, value);
            }

            if (botOnKestrel)
            {
                builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            }
        });
        if (botOnKestrel)
        {
            Bot.UseKestrel();
            Bot.StartServer();
            BotAddress = new Uri(Address(Bot.Services));
        }
    }

    public WebApplicationFactory<BotEntry> Bot { get; }

    /// <summary>Where the bot listens when it runs on Kestrel.</summary>
    public Uri? BotAddress { get; }

    public void Dispose()
    {
        Bot.Dispose();
        api.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static string Address(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>An app's project folder (its settings live there), found from the repository root above the binaries.</summary>
    private static string ProjectFolder(string area, string project)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ItsmChatOps.sln")))
            {
                return Path.Combine(directory.FullName, area, project);
            }
        }

        throw new DirectoryNotFoundException("The repository root (ItsmChatOps.sln) is not above the benchmark binaries.");
    }
}
