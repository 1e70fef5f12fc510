using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// The bot on real Kestrel (a free loopback port, Development, no Teams identity) and Debian's
/// Chromium driven by Playwright with a fresh profile. Playwright's own browser download is never used.
/// </summary>
public sealed class LocalChatHost : IAsyncLifetime
{
    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly WebApplicationFactory<Program> factory = new WebApplicationFactory<Program>()
        .WithWebHostBuilder(builder => builder.UseEnvironment("Development").UseSetting("Bot:AppId", string.Empty));

    private readonly string profile = Path.Combine(Path.GetTempPath(), $"itsmchatops-chromium-{Guid.NewGuid():N}");
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowserContext Browser { get; private set; } = null!;

    public IServiceProvider Services => factory.Services;

    public static string ScreenshotDirectory { get; } = Path.Combine(ProjectDirectory(), "screenshots");

    public async Task InitializeAsync()
    {
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
            ViewportSize = new ViewportSize { Width = 1000, Height = 760 },
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await factory.DisposeAsync();
        Directory.Delete(profile, recursive: true);
    }

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
