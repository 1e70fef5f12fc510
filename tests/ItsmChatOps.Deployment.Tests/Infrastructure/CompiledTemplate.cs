using System.Text.Json.Nodes;

namespace ItsmChatOps.Deployment.Tests.Infrastructure;

/// <summary>Navigation in a compiled ARM template: nested module deployments, their variables and resources.</summary>
public static class CompiledTemplate
{
    /// <summary>The template of the module deployed under <paramref name="deploymentName"/>, searched at any depth.</summary>
    public static JsonObject Module(JsonObject template, string deploymentName) =>
        Modules(template).FirstOrDefault(m => m.Name == deploymentName).Template
        ?? throw new InvalidOperationException($"The compiled template has no module deployment named '{deploymentName}'.");

    public static IEnumerable<(string Name, JsonObject Template)> Modules(JsonObject template) =>
        Deployments(template).Select(d => ((string)d["name"]!, d["properties"]!["template"]!.AsObject()));

    /// <summary>Every module deployment resource (with the parameters it passes), at any depth.</summary>
    public static IEnumerable<JsonObject> Deployments(JsonObject template)
    {
        foreach (var resource in Resources(template).Where(r => (string?)r["type"] == "Microsoft.Resources/deployments"))
        {
            yield return resource;
            foreach (var nested in Deployments(resource["properties"]!["template"]!.AsObject()))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Resources of a template, whether listed (classic) or keyed by symbolic name (language version 2).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>The name in an expression that is exactly <c>[variables('name')]</c>, else null.</summary>
    public static string? VariableName(string expression) =>
        expression.StartsWith("[variables('", StringComparison.Ordinal) && expression.EndsWith("')]", StringComparison.Ordinal)
            ? expression["[variables('".Length..^"')]".Length]
            : null;

    public static JsonObject Variable(JsonObject template, string name) =>
        template["variables"]?[name]?.AsObject() ?? throw new InvalidOperationException($"The template has no object variable '{name}'.");
}
