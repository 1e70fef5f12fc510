using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Serves a <see cref="ChannelKeys"/> metadata document and JWKS over real HTTP on a loopback port.</summary>
public sealed class MetadataServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private MetadataServer(WebApplication app, string baseUrl)
    {
        this.app = app;
        MetadataUrl = baseUrl + "/v1/.well-known/openidconfiguration";
    }

    public string MetadataUrl { get; }

    public static async Task<MetadataServer> StartAsync(ChannelKeys keys)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpRequest request) =>
            Results.Text(keys.MetadataJson($"http://{request.Host}/v1/.well-known/keys"), "application/json"));
        app.MapGet("/v1/.well-known/keys", () => Results.Text(keys.JwksJson(), "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MetadataServer(app, address);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
