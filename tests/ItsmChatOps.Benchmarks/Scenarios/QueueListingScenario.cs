using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Benchmarks.Data;
using ItsmChatOps.Benchmarks.Hosting;
using ItsmChatOps.Benchmarks.Load;

namespace ItsmChatOps.Benchmarks.Scenarios;

/// <summary>
/// A resolver group's open queue (<c>GET /api/incidents?groupId=…&amp;open=true</c>), its first page and
/// its middle page reached by continuation, as the history grows from the smallest store size to the
/// largest. The queue itself stays about the same size, so a listing that costs more at the larger size
/// is paying for history it does not return.
/// </summary>
public sealed class QueueListingScenario : IBenchmarkScenario
{
    public string Name => "queue";

    public string Description => "list-queue latency (first page and a deep page) with the store at each size";

    public async Task<ScenarioReport> RunAsync(BenchmarkOptions options, TextWriter progress)
    {
        await using var host = new BenchmarkApiHost(backgroundWorkers: false);
        var address = host.Start();
        using var agent = ApiClients.ActingFor(address, ApiClients.Agent, 1);
        var history = await IncidentHistory.ForAsync(host.Services, DateTimeOffset.UtcNow);
        var rows = new List<ResultRow>();
        var bySize = new List<(int Size, Measurement First, Measurement Deep)>();
        string? group = null;
        foreach (var size in options.Sizes)
        {
            var started = Stopwatch.GetTimestamp();
            await history.GrowToAsync(size, CancellationToken.None);
            var fill = Stopwatch.GetElapsedTime(started);
            group ??= history.OpenByGroup.MaxBy(g => g.Value).Key;
            var queue = $"/api/incidents?groupId={group}&open=true";
            var pages = await PagesAsync(agent, queue);
            var middle = pages.Count / 2;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {size:N0} incidents stored in {fill.TotalSeconds:0.0} s ({size / fill.TotalSeconds:N0}/s); {group} has {pages.Count} pages of open incidents"));
            if (pages.Count < 2)
            {
                throw new InvalidOperationException($"The queue of {group} has one page at {size} incidents; use larger --sizes.");
            }

            var setting = string.Create(CultureInfo.InvariantCulture, $"{Label(size)} stored, 1 at a time");
            var first = await LoadRunner.RunAsync("list-queue  first page", options.Latency,
                (_, ct) => agent.GetAsync(queue, ct).ExpectAsync(HttpStatusCode.OK));
            var deep = await LoadRunner.RunAsync($"list-queue  page {middle + 1} of {pages.Count}", options.Latency,
                (_, ct) => agent.GetAsync($"{queue}&continuation={Uri.EscapeDataString(pages[middle]!)}", ct).ExpectAsync(HttpStatusCode.OK));
            rows.Add(new(first.Name, setting, first));
            rows.Add(new(deep.Name, setting, deep));
            bySize.Add((size, first, deep));
        }

        var (small, large) = (bySize[0], bySize[^1]);
        var scale = $"{Label(large.Size)}/{Label(small.Size)}";
        return new ScenarioReport(Name, rows,
            [
                RatioResult.AtMost($"list-queue first page p50 {scale}", Ratio(large.First.P50, small.First.P50), 2),
                RatioResult.AtMost($"list-queue deep page p50 {scale}", Ratio(large.Deep.P50, small.Deep.P50), 2),
                RatioResult.Informative($"list-queue first page p99 {scale}", Ratio(large.First.P99, small.First.P99)),
                RatioResult.Informative($"list-queue deep page p99 {scale}", Ratio(large.Deep.P99, small.Deep.P99)),
            ],
            [
                $"Queue: GET /api/incidents?groupId={group}&open=true, {Api.Incidents.IncidentQueries.DefaultPageSize} per page, as a service desk agent through the bot's token.",
                "History: one incident every 10 minutes going back in time, raised and worked by the API's own rules; most close within days, a few wait weeks.",
                "The event relay and the timers are idle in this host: the history stands for events relayed and timers fired long ago.",
            ]);
    }

    /// <summary>The continuation of every page of the queue (null for the first).</summary>
    private static async Task<List<string?>> PagesAsync(HttpClient client, string queue)
    {
        var pages = new List<string?> { null };
        while (true)
        {
            var url = pages[^1] is { } token ? $"{queue}&continuation={Uri.EscapeDataString(token)}" : queue;
            var page = JsonSerializer.Deserialize<Page<IncidentSummary>>(await client.GetAsync(url).ExpectAsync(HttpStatusCode.OK), ItsmJson.Options)!;
            if (page.Continuation is null)
            {
                return pages;
            }

            pages.Add(page.Continuation);
        }
    }

    private static double Ratio(TimeSpan larger, TimeSpan smaller) => larger / smaller;

    private static string Label(int size) => size >= 1000 && size % 1000 == 0 ? $"{size / 1000}k" : size.ToString(CultureInfo.InvariantCulture);
}
