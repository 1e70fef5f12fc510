using System.Text.Json.Nodes;
using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests;

/// <summary>The Bicep builds and lints with no error, warning or info, and every parameter says what it is.</summary>
public sealed class BicepTests
{
    private static readonly string Main = Repository.Path("infra", "azure", "main.bicep");

    [Fact]
    public void Build_MainTemplate_NoDiagnostics()
    {
        var result = BicepCli.MainBuild;

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Lint_MainTemplate_NoDiagnostics()
    {
        var result = BicepCli.Lint(Main);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Lint_UnusedParameterAndHardcodedUrl_Reported()
    {
        using var folder = new TemporaryFolder();
        File.Copy(Repository.Path("infra", "azure", "bicepconfig.json"), folder.File("bicepconfig.json"));
        File.WriteAllText(folder.File("broken.bicep"), """
            @description('Not used anywhere.')
            param unused string
            output login string = 'https://login.microsoftonline.com/'
            """);

        var result = BicepCli.Lint(folder.File("broken.bicep"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Contains("no-hardcoded-env-urls", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WrongPropertyTypeAndUnknownSymbol_Reported()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("broken.bicep"), """
            @description('Region.')
            param location string = resourceGroup().location
            resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
              name: 'plan'
              location: location
              properties: { reserved: 'yes' }
            }
            output id string = site.id
            """);

        var result = BicepCli.Build(folder.File("broken.bicep"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Diagnostics, d => d.Contains("Warning BCP036", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Contains("Error BCP057", StringComparison.Ordinal));
    }

    [Fact]
    public void UndescribedParameters_MainAndModules_None()
    {
        Assert.Empty(UndescribedParameters(BicepCli.Main));
    }

    [Fact]
    public void UndescribedParameters_ParameterWithoutDescription_Found()
    {
        var template = JsonNode.Parse("""{ "parameters": { "described": { "type": "string", "metadata": { "description": "x" } }, "bare": { "type": "string" } } }""")!.AsObject();

        Assert.Equal(["(main).bare"], UndescribedParameters(template));
    }

    private static IEnumerable<string> UndescribedParameters(JsonObject template) =>
        CompiledTemplate.Modules(template).Prepend(("(main)", template))
            .SelectMany(m => (m.Item2["parameters"]?.AsObject() ?? [])
                .Where(p => string.IsNullOrWhiteSpace((string?)p.Value?["metadata"]?["description"]))
                .Select(p => $"{m.Item1}.{p.Key}"));
}
