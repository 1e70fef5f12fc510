extern alias api;

using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using ItsmChatOps.Api.Client.Security;
using ItsmChatOps.Bot.ApiConnection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// The product as a newcomer runs it: the API (Development, seeded, a fresh SQLite file) and the bot, both on
/// real Kestrel (free loopback ports) sharing a development service key, with the notifier polling; and
/// Debian's Chromium driven by Playwright with a fresh profile. Playwright's own browser download is never used.
/// </summary>
public sealed class LocalChatHost : IAsyncLifetime
{
    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    // A free port each; Kestrel reports the one it got.
    private const string AnyLoopbackPort = "http://127.0.0.1:0";

    private readonly string serviceKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"itsm-e2e-{Guid.NewGuid():N}.db");
    private readonly string profile = Path.Combine(Path.GetTempPath(), $"itsmchatops-chromium-{Guid.NewGuid():N}");
    private WebApplicationFactory<api::Program>? apiFactory;
    private WebApplicationFactory<Program>? botFactory;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ApiUrl { get; private set; } = string.Empty;

    public IBrowserContext Browser { get; private set; } = null!;

    public IServiceProvider Services => botFactory!.Services;

    public static string ScreenshotDirectory { get; } = Path.Combine(ProjectDirectory(), "screenshots");

    public async Task InitializeAsync()
    {
        apiFactory = new WebApplicationFactory<api::Program>().WithWebHostBuilder(builder => builder
            .UseEnvironment("Development")
            .UseSetting("Storage:Provider", "Sqlite")
            .UseSetting("Storage:Sqlite:Path", databasePath)
            .UseSetting(DevelopmentAuth.ServiceKeySetting, serviceKey)
            .UseSetting("Itsm:Seed:Enabled", "true")
            .UseSetting(WebHostDefaults.ServerUrlsKey, AnyLoopbackPort));
        apiFactory.UseKestrel(0);
        apiFactory.StartServer();
        ApiUrl = Address(apiFactory.Services);

        botFactory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseEnvironment("Development")
            .UseSetting("Bot:AppId", string.Empty)
            .UseSetting("Api:BaseUrl", ApiUrl)
            .UseSetting(DevelopmentAuth.ServiceKeySetting, serviceKey)
            .UseSetting("Notifier:PollIntervalSeconds", "0.3")
            .UseSetting(WebHostDefaults.ServerUrlsKey, AnyLoopbackPort));
        botFactory.UseKestrel(0);
        botFactory.StartServer();
        BaseUrl = Address(botFactory.Services);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>An agent calling the API with a development token, as with curl and <c>dotnet user-jwts</c>.</summary>
    public HttpClient Agent(string email, params string[] roles)
    {
        var token = DevelopmentTokens.Mint(serviceKey, [new Claim("name", email), new Claim("email", email), .. roles.Select(r => new Claim("role", r))],
            DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = new Uri(ApiUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        if (botFactory is not null)
        {
            await botFactory.DisposeAsync();
        }

        if (apiFactory is not null)
        {
            await apiFactory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }

        Directory.Delete(profile, recursive: true);
    }

    private static string Address(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ItsmChatOps.EndToEnd.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The ItsmChatOps.EndToEnd.Tests project folder is not above the test binaries.");
    }
}

[CollectionDefinition(Name)]
public sealed class LocalChatCollection : ICollectionFixture<LocalChatHost>
{
    public const string Name = "Local chat";
}
