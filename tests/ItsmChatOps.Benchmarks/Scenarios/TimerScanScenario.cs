using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Benchmarks.Data;
using ItsmChatOps.Benchmarks.Hosting;
using ItsmChatOps.Benchmarks.Load;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Benchmarks.Scenarios;

/// <summary>
/// The incident timer worker's search for due timers (SLA warnings and breaches, reminders, automatic closes)
/// as the store grows from 10k to 1M incidents while the number due stays at 100: with the index on the next
/// timer it reads the due ones only, so the larger store should cost about the same.
/// </summary>
public sealed class TimerScanScenario : IBenchmarkScenario
{
    private const int Due = 100;
    private const int Batch = 10_000;

    public string Name => "timers";

    public string Description => "the timer worker finding the 100 due timers among 10k and among 1M incidents";

    public async Task<ScenarioReport> RunAsync(BenchmarkOptions options, TextWriter progress)
    {
        int[] sizes = options.Quick ? [10_000, 100_000] : [10_000, 1_000_000];
        await using var host = new BenchmarkApiHost(backgroundWorkers: false);
        var address = host.Start();
        var (partition, template) = await TemplateAsync(host, address);
        var store = host.Services.GetRequiredService<IncidentStore>();
        var now = DateTimeOffset.UtcNow;
        var rows = new List<ResultRow>();
        var stored = 0;
        foreach (var size in sizes)
        {
            var started = Stopwatch.GetTimestamp();
            await FillAsync(host.DatabasePath, partition, template, stored, size, now);
            stored = size;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {size:N0} incidents stored in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
            var measured = await LoadRunner.RunAsync("find due timers  (the worker's query)", options.Latency, async (_, ct) =>
            {
                var due = await store.DueTimersAsync(now, 200, ct);
                if (due.Count != Due)
                {
                    throw new InvalidOperationException($"{due.Count} timers were due instead of {Due}.");
                }
            });
            rows.Add(new(measured.Name, string.Create(CultureInfo.InvariantCulture, $"{Label(size)} stored, {Due} due"), measured));
        }

        var (small, large) = (rows[0].Measurement, rows[^1].Measurement);
        var scale = $"{Label(sizes[^1])}/{Label(sizes[0])}";
        return new ScenarioReport(Name, rows,
            [
                RatioResult.AtMost($"find due timers p50 {scale}", large.P50 / small.P50, 2),
                RatioResult.Informative($"find due timers p99 {scale}", large.P99 / small.P99),
            ],
            [
                "Each stored incident is a copy of one raised through the API, with its own id and next timer: 100 due, 60% of the rest due within 30 days, 40% closed (no timer).",
                "The query and the reading of the 100 due incidents are the API's own (IncidentStore.DueTimersAsync) on the embedded SQLite store.",
            ]);
    }

    /// <summary>An incident raised through the API: the document every copy is made from.</summary>
    private static async Task<(string Partition, string Body)> TemplateAsync(BenchmarkApiHost host, Uri address)
    {
        using var reporter = ApiClients.ActingFor(address, ApiClients.Reporter, 1);
        var created = await reporter.PostAsJsonAsync("/api/incidents", IncidentSamples.Request(0), ItsmJson.Options).ExpectAsync(HttpStatusCode.Created);
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString()!;
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pk, body FROM documents WHERE id = $id AND pk LIKE '%|incident'";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1)) : throw new InvalidOperationException($"{id} is not in the store.");
    }

    /// <summary>Adds copies numbered <paramref name="from"/> up to <paramref name="to"/> in large transactions, as a bulk load would.</summary>
    private static async Task FillAsync(string database, string partition, string template, int from, int to, DateTimeOffset now)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        for (var start = from; start < to; start += Batch)
        {
            await using var transaction = connection.BeginTransaction();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO documents (pk, id, body, etag, lsn)
                VALUES ($pk, $id,
                        CASE WHEN $next IS NULL THEN json_remove(json_set($body, '$.id', $id), '$.nextTimerAt')
                             ELSE json_set($body, '$.id', $id, '$.nextTimerAt', $next) END, $etag,
                        (SELECT value FROM store_meta WHERE key = 'lsn') + $n)
                """;
            var (pk, id, body, next, etag, n) = (insert.Parameters.Add("$pk", SqliteType.Text), insert.Parameters.Add("$id", SqliteType.Text),
                insert.Parameters.Add("$body", SqliteType.Text), insert.Parameters.Add("$next", SqliteType.Text), insert.Parameters.Add("$etag", SqliteType.Text),
                insert.Parameters.Add("$n", SqliteType.Integer));
            (pk.Value, body.Value) = (partition, template);
            var end = Math.Min(to, start + Batch);
            for (var i = start; i < end; i++)
            {
                id.Value = string.Create(CultureInfo.InvariantCulture, $"INC-B{i:D7}");
                next.Value = NextTimer(i, now) is { } at ? UtcTimestampConverter.Text(at) : DBNull.Value;
                etag.Value = $"\"{Guid.NewGuid():N}\"";
                n.Value = i - start + 1;
                await insert.ExecuteNonQueryAsync();
            }

            await using var advance = connection.CreateCommand();
            advance.Transaction = transaction;
            advance.CommandText = "UPDATE store_meta SET value = value + $count WHERE key = 'lsn'";
            advance.Parameters.AddWithValue("$count", end - start);
            await advance.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    /// <summary>The first 100 copies are due; of the rest, 60% fall due within 30 days and 40% are closed.</summary>
    private static DateTimeOffset? NextTimer(int i, DateTimeOffset now) =>
        i < Due ? now.AddMinutes(-1 - i)
        : i % 5 < 3 ? now.AddMinutes(10 + (i * 7919L % (30 * 24 * 60)))
        : null;

    private static string Label(int size) => size >= 1_000_000 && size % 1_000_000 == 0 ? $"{size / 1_000_000}M" : $"{size / 1000}k";
}
