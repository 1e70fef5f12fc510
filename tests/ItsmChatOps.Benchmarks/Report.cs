using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using ItsmChatOps.Benchmarks.Scenarios;

namespace ItsmChatOps.Benchmarks;

/// <summary>Prints the machine, the configuration and one table of every row with the ratios under it.</summary>
public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string BuildConfiguration =>
        typeof(Report).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    public static void Machine(TextWriter output, BenchmarkOptions options)
    {
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"Build: {BuildConfiguration}; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}; load average: {LoadAverage()}");
        output.WriteLine(string.Create(Invariant,
            $"Options: {(options.Quick ? "quick, " : "")}concurrency {options.Concurrency}, warm-up {options.WarmUp.TotalSeconds} s, duration {options.Duration.TotalSeconds} s, list duration {options.ListDuration.TotalSeconds} s, sizes {string.Join("/", options.Sizes)}"));
        if (BuildConfiguration != "Release")
        {
            output.WriteLine("Warning: not a Release build; figures are not representative (dotnet run -c Release).");
        }
    }

    public static void Table(TextWriter output, IReadOnlyList<ScenarioReport> reports)
    {
        var rows = reports.SelectMany(r => r.Rows.Select(row => new[]
        {
            r.Scenario, row.Name, row.Setting, row.Measurement.Requests.ToString("N0", Invariant), row.Measurement.Throughput.ToString("N0", Invariant),
            Ms(row.Measurement.P50), Ms(row.Measurement.P99), row.Measurement.Errors.ToString(Invariant),
        })).ToList();
        string[] header = ["scenario", "row", "setting", "requests", "req/s", "p50 ms", "p99 ms", "errors"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join(" | ", cells.Select((c, i) => i >= 3 ? c.PadLeft(widths[i]) : c.PadRight(widths[i])));
        output.WriteLine();
        output.WriteLine(Line(header));
        output.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        rows.ForEach(r => output.WriteLine(Line(r)));

        output.WriteLine();
        output.WriteLine("Ratios (same run, side by side):");
        foreach (var ratio in reports.SelectMany(r => r.Ratios))
        {
            var verdict = ratio.Met switch { true => "met", false => "MISSED", null => "" };
            output.WriteLine(string.Create(Invariant, $"  {ratio.Name,-72} {ratio.Value,8:0.000}  {(ratio.Target is null ? "" : $"target {ratio.Target}: {verdict}")}"));
        }

        foreach (var report in reports.Where(r => r.Notes.Count > 0))
        {
            output.WriteLine();
            output.WriteLine($"Notes ({report.Scenario}):");
            report.Notes.ToList().ForEach(n => output.WriteLine($"  - {n}"));
        }

        foreach (var failed in reports.SelectMany(r => r.Rows).Where(r => r.Measurement.Errors > 0))
        {
            output.WriteLine($"Errors in '{failed.Name}': {failed.Measurement.Errors}, first: {failed.Measurement.FirstError}");
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString(value.TotalMilliseconds < 10 ? "0.000" : "0.0", Invariant);
}
