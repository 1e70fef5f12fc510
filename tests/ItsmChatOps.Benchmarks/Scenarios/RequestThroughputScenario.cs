using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Benchmarks.Data;
using ItsmChatOps.Benchmarks.Hosting;
using ItsmChatOps.Benchmarks.Load;
using Microsoft.Extensions.DependencyInjection;

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

        // The reactions (suggested fixes, ...) fall behind a burst of creates; they run to the end here, unmeasured, so that
        // the rows after this one measure what they name and not the backlog.
        var drained = System.Diagnostics.Stopwatch.StartNew();
        var reactions = host.Services.GetRequiredService<EventReactions>();
        while (await reactions.RunPendingAsync(CancellationToken.None) > 0)
        {
        }

        progress.WriteLine($"  reactions to the {created.Count} creates caught up {drained.Elapsed.TotalSeconds:0.0} s after the last");
        progress.WriteLine($"  get-incident over the {created.Count} incidents just raised");
        var ids = created.ToArray();
        if (ids.Length == 0)
        {
            throw new InvalidOperationException($"No incident was created: {create.FirstError}");
        }

        var get = await LoadRunner.RunAsync("get-incident  GET /api/incidents/{id}", profile,
            (n, ct) => agent.GetAsync($"/api/incidents/{ids[n % ids.Length]}", ct).ExpectAsync(HttpStatusCode.OK));

        progress.WriteLine("  the same incidents written to the embedded store alone");
        var write = await StoreWriteAlone.RunAsync(host.Services, ids, profile);

        return new ScenarioReport(Name,
            [new(bare.Name, setting, bare), new(noop.Name, setting, noop), new(create.Name, setting, create), new(get.Name, setting, get), new(write.Name, setting, write)],
            [
                RatioResult.AtLeast($"{CreateTarget} throughput", create.Throughput / noop.Throughput, 0.5),
                RatioResult.Informative("store write alone/no-op throughput (the durable write's own ceiling)", write.Throughput / noop.Throughput),
                RatioResult.Informative("create/store write alone throughput", create.Throughput / write.Throughput),
                RatioResult.Informative("get/no-op throughput", get.Throughput / noop.Throughput),
                RatioResult.Informative("no-op/anonymous no-op throughput (cost of the pipeline and token)", noop.Throughput / bare.Throughput),
            ],
            [
                "Both no-op rows answer {\"ok\":true}; the authenticated one runs after the API's middleware, bearer validation and authorization.",
                "create and get act through the bot's service token for a person (X-Itsm-Acting-Person), as the chat front end does.",
                "The store-alone row writes the stored bodies of the incidents just raised, numbered, through the API's own store with the same indexes, in a partition no worker reads: the create's durable write without HTTP, rules or reactions.",
            ]);
    }
}
