using System.Diagnostics;

namespace ItsmChatOps.Benchmarks.Load;

/// <summary>How hard and how long one measurement drives the host; a phase runs past its duration until it has <c>MinRequests</c>.</summary>
public sealed record LoadProfile(int Concurrency, TimeSpan WarmUp, TimeSpan Duration, int MinRequests = 0);

/// <summary>
/// A closed loop: <c>Concurrency</c> workers each send a request, wait for its answer and send the next,
/// first for the warm-up (not recorded), then for the measured duration. Every latency is kept, so the
/// percentiles are exact rather than estimated from buckets.
/// </summary>
public static class LoadRunner
{
    /// <summary>One request; <paramref name="sequence"/> counts the requests of the run, so callers can spread them over their data.</summary>
    public delegate Task Request(long sequence, CancellationToken cancellationToken);

    public static async Task<Measurement> RunAsync(string name, LoadProfile profile, Request request)
    {
        if (profile.WarmUp > TimeSpan.Zero)
        {
            await PhaseAsync(profile.Concurrency, profile.WarmUp, 0, request);
        }

        var phase = await PhaseAsync(profile.Concurrency, profile.Duration, profile.MinRequests, request);
        return Measurement.From(name, phase.Latencies, phase.Errors, phase.FirstError, phase.Elapsed);
    }

    private static async Task<PhaseResult> PhaseAsync(int concurrency, TimeSpan duration, int minRequests, Request request)
    {
        var finished = 0L; // answered or failed: a failing endpoint must not keep the phase running
        using var stop = new CancellationTokenSource();
        var sequence = -1L;
        var errors = 0L;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            while (!stop.IsCancellationRequested || Interlocked.Read(ref finished) < minRequests)
            {
                var before = Stopwatch.GetTimestamp();
                try
                {
                    await request(Interlocked.Increment(ref sequence), CancellationToken.None);
                    latencies.Add(Stopwatch.GetTimestamp() - before);
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    // A failed request is counted and reported; the run goes on so one error does not hide the others.
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
                finally
                {
                    Interlocked.Increment(ref finished);
                }
            }

            return latencies;
        })).ToList();

        stop.CancelAfter(duration);
        var perWorker = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new PhaseResult(perWorker.SelectMany(l => l).ToArray(), errors, firstError, elapsed);
    }

    private sealed record PhaseResult(long[] Latencies, long Errors, string? FirstError, TimeSpan Elapsed);
}

/// <summary>The outcome of one measured phase: completed requests per second and latency percentiles.</summary>
public sealed record Measurement(string Name, long Requests, long Errors, string? FirstError, TimeSpan Elapsed, double Throughput, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public static Measurement From(string name, long[] latencyTicks, long errors, string? firstError, TimeSpan elapsed)
    {
        Array.Sort(latencyTicks);
        return new Measurement(name, latencyTicks.Length, errors, firstError, elapsed, latencyTicks.Length / elapsed.TotalSeconds,
            Percentile(latencyTicks, 0.50), Percentile(latencyTicks, 0.99), latencyTicks.Length == 0 ? TimeSpan.Zero : Ticks(latencyTicks[^1]));
    }

    /// <summary>Nearest-rank percentile of sorted stopwatch ticks.</summary>
    private static TimeSpan Percentile(long[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return Ticks(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static TimeSpan Ticks(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);
}
