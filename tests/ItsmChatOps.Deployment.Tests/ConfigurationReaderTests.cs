using ItsmChatOps.Deployment.Tests.Settings;

namespace ItsmChatOps.Deployment.Tests;

/// <summary>The reader follows constants, sections held in locals and loops, and options classes.</summary>
public sealed class ConfigurationReaderTests
{
    [Fact]
    public void Analyze_SectionsThroughLocalsAndLoops_FullKeys()
    {
        var reader = Analyze("""
            public sealed class Reads(IConfiguration configuration)
            {
                private const string Root = "Outer";
                public IEnumerable<string?> Values()
                {
                    var section = configuration.GetSection($"{Root}:Inner");
                    yield return section["Leaf"];
                    yield return configuration.GetValue<string>("Flat", "default");
                    foreach (var child in configuration.GetSection("List").GetChildren())
                    {
                        yield return child["Name"];
                    }
                }
            }
            """);

        Assert.Empty(reader.Problems);
        Assert.Equal(["Outer:Inner:Leaf", "Flat", "List", "List:*:Name"], reader.Reads.Select(r => r.Key));
    }

    [Fact]
    public void Analyze_BoundOptions_PropertiesWithRequiredOnesMarked()
    {
        var reader = Analyze("""
            public sealed class ThingOptions
            {
                [System.ComponentModel.DataAnnotations.Required] public System.Uri? Endpoint { get; set; }
                [System.ComponentModel.DataAnnotations.Required] public string Name { get; set; } = "thing";
                public List<string> Tags { get; set; } = [];
                public bool Computed => Tags.Count > 0;
            }
            public static class Setup
            {
                public static void Add(IServiceCollection services) =>
                    services.AddOptions<ThingOptions>().BindConfiguration("Things:Main");
            }
            """);

        Assert.Equal(
            [("Things:Main:Endpoint", true), ("Things:Main:Name", false), ("Things:Main:Tags:*", false)],
            reader.Reads.Select(r => (r.Key, r.Required)));
    }

    [Fact]
    public void Analyze_KeyNotConstant_ReportedAsProblem()
    {
        var reader = Analyze("""
            public sealed class Reads(IConfiguration configuration)
            {
                public string? Value(string name) => configuration[name];
            }
            """);

        Assert.Single(reader.Problems, p => p.Contains("not a constant", StringComparison.Ordinal));
    }

    private static ConfigurationReader Analyze(string source) => ConfigurationReader.Analyze([("Reads.cs", source)]);
}
