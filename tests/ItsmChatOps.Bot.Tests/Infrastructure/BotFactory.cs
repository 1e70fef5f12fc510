using ItsmChatOps.Bot.Protocol.Auth;
using ItsmChatOps.Bot.Protocol.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>
/// The bot host with its three HTTP boundaries recorded (channel OpenID metadata, Entra, Connector),
/// a controllable clock and captured logs. One factory per test class.
/// </summary>
public class BotFactory : WebApplicationFactory<Program>
{
    private int issuedTokens;

    public BotFactory()
    {
        OpenId = new RecordingHandler(Time) { Responder = Keys.Respond };
        Entra = new RecordingHandler(Time) { Responder = request => EntraStub.Respond(request, ref issuedTokens) };
        Connector = new RecordingHandler(Time);
        Graph = new RecordingHandler(Time);
    }

    public TimerWatchingClock Time { get; } = new(DateTimeOffset.UtcNow);

    public ChannelKeys Keys { get; } = new();

    public RecordingHandler OpenId { get; }

    public RecordingHandler Entra { get; }

    public RecordingHandler Connector { get; }

    /// <summary>Microsoft Graph, where war-room channels are created.</summary>
    public RecordingHandler Graph { get; }

    public ListLoggerProvider Logs { get; } = new();

    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Configuration on top of a complete SingleTenant identity; a null value removes the key.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Bot:AppId"] = ChannelKeys.AppId,
        ["Bot:AppType"] = "SingleTenant",
        ["Bot:TenantId"] = EntraStub.TenantId,
        ["Bot:ClientSecret"] = EntraStub.ClientSecret,
        ["Bot:OpenIdMetadataUrl"] = ChannelKeys.MetadataUrl,
        ["Bot:AuthorityHost"] = EntraStub.AuthorityHost,
        // No API behind these hosts unless a test names one; the notifier runs only when a test asks for it.
        ["Api:BaseUrl"] = "http://127.0.0.1:9/",
        ["Api:Scope"] = "api://itsmchatops-api-tests/.default",
        ["Notifier:Enabled"] = "false",
    };

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Waits until every turn the bot accepted has finished, so "nothing more was sent" is a fact and not a guess.</summary>
    public async Task IdleAsync()
    {
        var queue = Services.GetRequiredService<ItsmChatOps.Bot.Application.TurnQueue>();
        try
        {
            await queue.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20), TimeProvider.System);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{queue.InFlight} accepted turns were still running after 20 seconds.");
        }
    }

    public string Mint(TokenSpec? spec = null) => Keys.Mint(spec ?? new TokenSpec(), Time.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddHttpClient(ChannelMetadata.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Borrowed(OpenId));
            services.AddHttpClient(BotCredentialFactory.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Borrowed(Entra));
            services.AddHttpClient(BotFrameworkConnector.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Borrowed(Connector));
            services.AddHttpClient(ItsmChatOps.Bot.WarRooms.GraphChannels.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Borrowed(Graph));
            ConfigureServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Keys.Dispose();
            OpenId.Dispose();
            Entra.Dispose();
            Connector.Dispose();
            Graph.Dispose();
        }
    }

    /// <summary>Lends a recording handler to the client factory without letting it dispose it.</summary>
    private sealed class Borrowed(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing) => base.Dispose(false);
    }
}
