using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ItsmChatOps.Benchmarks.Hosting;

/// <summary>
/// The ceilings the API's endpoints are compared with, on the same host:
/// <list type="bullet">
/// <item><c>/bench/noop</c> runs after the API's whole pipeline (exception handling, body limit,
/// bearer authentication, the authorization fallback policy, routing), so it costs what every API
/// request pays before its handler runs, and answers a small JSON body.</item>
/// <item><c>/bench/bare</c> answers before any of it, anonymously: Kestrel and the HTTP client alone.</item>
/// </list>
/// </summary>
public sealed class NoOpEndpoints : IStartupFilter
{
    public const string Authenticated = "/bench/noop";
    public const string Bare = "/bench/bare";

    private static readonly byte[] Body = """{"ok":true}"""u8.ToArray();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(Bare, bare => bare.Run(WriteAsync));
        next(app);
        // Reached only when no API endpoint matched, after authentication and authorization have run.
        app.Map(Authenticated, noop => noop.Run(WriteAsync));
    };

    private static Task WriteAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Body.Length;
        return context.Response.Body.WriteAsync(Body, context.RequestAborted).AsTask();
    }
}
