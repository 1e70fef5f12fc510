using ItsmChatOps.Benchmarks.Scenarios;

namespace ItsmChatOps.Benchmarks;

/// <summary>The benchmark program: parses the options, runs the chosen scenarios and prints one table.</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        IBenchmarkScenario[] scenarios =
            [new RequestThroughputScenario(), new QueueListingScenario(), new MessageTurnScenario(), new TimerScanScenario(), new SlackAckScenario()];

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            Console.WriteLine("Scenarios:");
            scenarios.ToList().ForEach(s => Console.WriteLine($"  {s.Name,-10} {s.Description}"));
            return 0;
        }

        var unknown = options.Scenarios.Except(scenarios.Select(s => s.Name), StringComparer.OrdinalIgnoreCase).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}; known: {string.Join(", ", scenarios.Select(s => s.Name))}.");
            return 2;
        }

        Report.Machine(Console.Out, options);
        var reports = new List<ScenarioReport>();
        foreach (var scenario in scenarios.Where(s => options.Runs(s.Name)))
        {
            Console.WriteLine($"Running {scenario.Name}: {scenario.Description}");
            reports.Add(await scenario.RunAsync(options, Console.Out));
        }

        Report.Table(Console.Out, reports);
        Console.WriteLine($"Load average at the end: {Report.LoadAverage()}");
        return reports.SelectMany(r => r.Rows).Any(r => r.Measurement.Errors > 0) ? 1 : 0;
    }
}
