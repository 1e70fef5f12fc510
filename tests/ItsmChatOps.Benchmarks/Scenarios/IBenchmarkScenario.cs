using ItsmChatOps.Benchmarks.Load;

namespace ItsmChatOps.Benchmarks.Scenarios;

/// <summary>
/// One group of measurements taken side by side on one host, with the ratios that compare them.
/// Each scenario is a class of its own (requests against the no-op ceiling, queue listing by store
/// size, and later a bot message turn, a Slack ack, an SLA scan); <see cref="BenchmarkProgram"/> runs the ones asked for.
/// </summary>
public interface IBenchmarkScenario
{
    /// <summary>The name <c>--scenario</c> selects it by.</summary>
    string Name { get; }

    string Description { get; }

    Task<ScenarioReport> RunAsync(BenchmarkOptions options, TextWriter progress);
}

/// <summary>What a scenario measured: table rows, ratios against their targets, and notes on the setup.</summary>
public sealed record ScenarioReport(string Scenario, IReadOnlyList<ResultRow> Rows, IReadOnlyList<RatioResult> Ratios, IReadOnlyList<string> Notes);

/// <summary>One table row: what was requested, under which setting, and the measurement.</summary>
public sealed record ResultRow(string Name, string Setting, Measurement Measurement);

/// <summary>A ratio of two rows of the same run, with the target it is held to (if any).</summary>
public sealed record RatioResult(string Name, double Value, string? Target, bool? Met)
{
    public static RatioResult AtLeast(string name, double value, double minimum) => new(name, value, $">= {minimum:0.00}", value >= minimum);

    public static RatioResult AtMost(string name, double value, double maximum) => new(name, value, $"<= {maximum:0.00}", value <= maximum);

    public static RatioResult Informative(string name, double value) => new(name, value, null, null);
}
