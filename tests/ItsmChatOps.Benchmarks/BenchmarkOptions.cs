using System.Globalization;
using ItsmChatOps.Benchmarks.Load;

namespace ItsmChatOps.Benchmarks;

/// <summary>Command-line options. Defaults keep a full run of every scenario under about five minutes on two cores.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/ItsmChatOps.Benchmarks -- [options]
          --quick                 a fast smoke run: short phases, small stores
          --scenario NAME[,NAME]  run only these scenarios (default: all)
          --concurrency N         concurrent requests for throughput rows (default: 4 per core)
          --warmup SECONDS        warm-up before each throughput row (default: 3)
          --duration SECONDS      measured time of each throughput row (default: 10)
          --list-duration SECONDS measured time of each queue listing row (default: 5)
          --sizes N,M             store sizes for the queue listing (default: 10000,100000)
          --help                  this text
        """;

    public bool Quick { get; init; }

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public int Concurrency { get; init; } = Environment.ProcessorCount * 4;

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ListDuration { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 100_000];

    public bool Help { get; init; }

    /// <summary>Throughput rows: many requests in flight.</summary>
    public LoadProfile Throughput => new(Concurrency, WarmUp, Duration);

    /// <summary>Latency rows: one request at a time, so the figures are the query's cost and not queueing; at least 10 of them.</summary>
    public LoadProfile Latency => new(1, WarmUp / 3, ListDuration, MinRequests: 10);

    public bool Runs(string scenario) => Scenarios.Count == 0 || Scenarios.Contains(scenario);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new BenchmarkOptions
            {
                Quick = true,
                WarmUp = TimeSpan.FromSeconds(0.5),
                Duration = TimeSpan.FromSeconds(1.5),
                ListDuration = TimeSpan.FromSeconds(1),
                Sizes = [500, 2_000],
            }
            : new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--quick" => options,
                "--help" or "-h" => options with { Help = true },
                "--scenario" => options with { Scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase) },
                "--concurrency" => options with { Concurrency = Positive(Value(), "--concurrency") },
                "--warmup" => options with { WarmUp = Seconds(Value(), "--warmup", allowZero: true) },
                "--duration" => options with { Duration = Seconds(Value(), "--duration") },
                "--list-duration" => options with { ListDuration = Seconds(Value(), "--list-duration") },
                "--sizes" => options with { Sizes = Value().Split(',').Select(s => Positive(s, "--sizes")).Order().ToList() },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'."),
            };
        }

        return options;
    }

    private static int Positive(string value, string option) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{option} takes a positive whole number, not '{value}'.");

    private static TimeSpan Seconds(string value, string option, bool allowZero = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && (s > 0 || (allowZero && s == 0))
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"{option} takes a number of seconds, not '{value}'.");
}
