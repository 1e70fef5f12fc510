using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Benchmarks.Data;
using ItsmChatOps.Benchmarks.Hosting;
using ItsmChatOps.Benchmarks.Load;

namespace ItsmChatOps.Benchmarks.Scenarios;

/// <summary>
/// Raising and reading incidents against the no-op ceilings of the same host, all over loopback HTTP
/// with the bot's bearer token, on the embedded SQLite store with the API's background workers running
/// (the event relay copies each new incident's events to the log, as it does in production).
/// </summary>
public sealed class RequestThroughputScenario : IBenchmarkScenario
{
    public const string CreateTarget = "create/no-op";

    public string Name => "requests";

    public string Description => "create-incident and get-incident throughput and latency next to a no-op endpoint on the same host";

    public async Task<ScenarioReport> RunAsync(BenchmarkOptions options, TextWriter progress)
    {
        await using var host = new BenchmarkApiHost(backgroundWorkers: true);
        var address = host.Start();
        var profile = options.Throughput;
        using var anonymous = ApiClients.Anonymous(address, profile.Concurrency);
        using var reporter = ApiClients.ActingFor(address, ApiClients.Reporter, profile.Concurrency);
        using var agent = ApiClients.ActingFor(address, ApiClients.Agent, profile.Concurrency);
        var setting = $"{profile.Concurrency} concurrent";

        progress.WriteLine($"  no-op endpoints on {address}");
        var bare = await LoadRunner.RunAsync("no-op, anonymous, before the pipeline", profile,
            (_, ct) => anonymous.GetAsync(NoOpEndpoints.Bare, ct).ExpectAsync(HttpStatusCode.OK));
        var noop = await LoadRunner.RunAsync("no-op, bearer token, full pipeline", profile,
            (_, ct) => agent.GetAsync(NoOpEndpoints.Authenticated, ct).ExpectAsync(HttpStatusCode.OK));

        progress.WriteLine("  create-incident");
        var bodies = Enumerable.Range(0, IncidentSamples.Count)
            .Select(n => JsonSerializer.SerializeToUtf8Bytes(IncidentSamples.Request(n, $"msg-{n}"), ItsmJson.Options)).ToArray();
        var created = new ConcurrentQueue<string>();
        var create = await LoadRunner.RunAsync("create-incident  POST /api/incidents", profile, async (n, ct) =>
        {
            using var content = new ByteArrayContent(bodies[n % bodies.Length]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var body = await reporter.PostAsync("/api/incidents", content, ct).ExpectAsync(HttpStatusCode.Created);
            created.Enqueue(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
        });

        progress.WriteLine($"  get-incident over the {created.Count} incidents just raised");
        var ids = created.ToArray();
        if (ids.Length == 0)
        {
            throw new InvalidOperationException($"No incident was created: {create.FirstError}");
        }

        var get = await LoadRunner.RunAsync("get-incident  GET /api/incidents/{id}", profile,
            (n, ct) => agent.GetAsync($"/api/incidents/{ids[n % ids.Length]}", ct).ExpectAsync(HttpStatusCode.OK));

        return new ScenarioReport(Name,
            [new(bare.Name, setting, bare), new(noop.Name, setting, noop), new(create.Name, setting, create), new(get.Name, setting, get)],
            [
                RatioResult.AtLeast($"{CreateTarget} throughput", create.Throughput / noop.Throughput, 0.5),
                RatioResult.Informative("get/no-op throughput", get.Throughput / noop.Throughput),
                RatioResult.Informative("no-op/anonymous no-op throughput (cost of the pipeline and token)", noop.Throughput / bare.Throughput),
            ],
            [
                "Both no-op rows answer {\"ok\":true}; the authenticated one runs after the API's middleware, bearer validation and authorization.",
                "create and get act through the bot's service token for a person (X-Itsm-Acting-Person), as the chat front end does.",
            ]);
    }
}
