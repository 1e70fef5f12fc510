using System.Reflection;

namespace ItsmChatOps.Deployment.Tests.Infrastructure;

/// <summary>Paths of the repository and of the tools the build recorded in the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The Bicep CLI binary from the NuGet package folder.</summary>
    public static string BicepCli { get; } = Metadata("BicepCli");

    /// <summary>This project's folder, where package.json and node_modules are.</summary>
    public static string TestProject { get; } = System.IO.Path.Combine(Root, "tests", "ItsmChatOps.Deployment.Tests");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(Path(parts));

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
