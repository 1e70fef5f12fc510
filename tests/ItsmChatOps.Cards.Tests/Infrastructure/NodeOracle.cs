using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Cards.Tests.Infrastructure;

/// <summary>
/// One Node process running oracle/oracle.mjs: Microsoft's adaptivecards-templating (the reference
/// for the C# expander) and the adaptivecards parser (the validator for card version 1.5).
/// </summary>
public sealed class NodeOracle : IDisposable
{
    private readonly Process _node;
    private readonly StringBuilder _errors = new();
    private readonly Lock _gate = new();

    public NodeOracle()
    {
        var start = new ProcessStartInfo("node", Path.Combine("oracle", "oracle.mjs"))
        {
            WorkingDirectory = ProjectDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        _node = Process.Start(start) ?? throw new InvalidOperationException("Node could not be started.");
        _node.StandardInput.AutoFlush = true;
        _node.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _node.BeginErrorReadLine();
    }

    /// <summary>The test project folder (where package.json and node_modules are), recorded at build time.</summary>
    public static string ProjectDirectory { get; } = typeof(NodeOracle).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NodeProjectDirectory").Value!;

    /// <summary>What adaptivecards-templating makes of the template with this data (null when it drops the root).</summary>
    public JsonNode? Expand(JsonNode template, JsonNode? data)
    {
        var expansion = TryExpand(template, data);
        return expansion.Thrown is null ? expansion.Result : throw new InvalidOperationException($"adaptivecards-templating threw: {expansion.Thrown}");
    }

    /// <summary>The expansion, or the message of the exception the official engine threw.</summary>
    public OracleExpansion TryExpand(JsonNode template, JsonNode? data)
    {
        var answer = Ask(new JsonObject { ["op"] = "expand", ["template"] = template.DeepClone(), ["data"] = data?.DeepClone() });
        return new OracleExpansion(answer["result"]?.DeepClone(), answer["thrown"]?.GetValue<string>());
    }

    /// <summary>What the adaptivecards parser reports for the card, with and without Action.Execute support.</summary>
    public CardValidation Validate(JsonNode card)
    {
        var answer = Ask(new JsonObject { ["op"] = "validate", ["card"] = card.DeepClone() });
        static IReadOnlyList<string> Messages(JsonNode? events) =>
            events!.AsArray().Select(e => $"{e!["phase"]}/{e["event"]}: {e["message"]}").ToList();
        return new CardValidation(Messages(answer["events"]), Messages(answer["fallbackEvents"]), answer["fallbackCard"]!.AsObject());
    }

    private JsonObject Ask(JsonObject request)
    {
        lock (_gate)
        {
            _node.StandardInput.WriteLine(request.ToJsonString());
            var line = _node.StandardOutput.ReadLine();
            if (line is null)
            {
                throw new InvalidOperationException($"The Node oracle stopped: {StandardError()}");
            }
            var answer = JsonNode.Parse(line)!.AsObject();
            return answer["error"] is { } error
                ? throw new InvalidOperationException($"The Node oracle failed: {error}")
                : answer;
        }
    }

    private string StandardError()
    {
        lock (_errors)
        {
            return _errors.ToString();
        }
    }

    public void Dispose()
    {
        _node.StandardInput.Close();
        if (!_node.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _node.Kill();
        }
        _node.Dispose();
    }
}

public sealed record OracleExpansion(JsonNode? Result, string? Thrown);

/// <summary>Parser and validation messages; a client without Action.Execute sees <see cref="FallbackCard"/>.</summary>
public sealed record CardValidation(IReadOnlyList<string> Events, IReadOnlyList<string> FallbackEvents, JsonObject FallbackCard);

[CollectionDefinition(Name)]
public sealed class NodeCollection : ICollectionFixture<NodeOracle>
{
    public const string Name = "Node oracle";
}
