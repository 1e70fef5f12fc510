using System.Text;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>
/// An Adaptive Card template, parsed once and expandable against any data, with the semantics of
/// the official <c>adaptivecards-templating</c> engine (2.3): <c>$data</c> scopes and repeats,
/// <c>$when</c> keeps an element only when it evaluates to boolean true, repeated and nested arrays
/// are spliced into their parent array, and unresolved paths stay as <c>${path}</c>.
/// </summary>
public sealed class CardTemplate
{
    private static readonly HashSet<string> ReservedFields =
        new(["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"], StringComparer.Ordinal);

    private readonly Node _root;

    private CardTemplate(Node root) => _root = root;

    /// <summary>Parses every expression of the template; unsupported syntax throws <see cref="TemplateException"/>.</summary>
    public static CardTemplate Parse(JsonNode template) => new(Prepare(template));

    /// <summary>Expands the template with <paramref name="data"/> as <c>$root</c>; null when the root element is dropped.</summary>
    public JsonNode? Expand(JsonNode? data)
    {
        var root = JsValue.FromJson(data);
        return JsValue.ToJson(Expand(_root, new Scope(root, Undefined.Value, Undefined.Value)));
    }

    private abstract record Node;

    private sealed record LiteralNode(object? Value) : Node;

    private sealed record StringNode(TemplateString Template) : Node;

    private sealed record ArrayNode(IReadOnlyList<Node> Items) : Node;

    private sealed record ObjectNode(IReadOnlyList<KeyValuePair<string, Node>> Properties, Node? Data, Node? When) : Node;

    private static Node Prepare(JsonNode? node) => node switch
    {
        JsonObject obj => new ObjectNode(
            obj.Where(p => !ReservedFields.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, Prepare(p.Value))).ToList(),
            obj.TryGetPropertyValue("$data", out var data) ? PrepareData(data) : null,
            obj.TryGetPropertyValue("$when", out var when) ? Prepare(when) : null),
        JsonArray array => new ArrayNode(array.Select(Prepare).ToList()),
        JsonValue value when value.TryGetValue(out string? s) =>
            TemplateString.TryParse(s) is { } template ? new StringNode(template) : new LiteralNode(s),
        _ => new LiteralNode(JsValue.FromJson(node)),
    };

    private static Node PrepareData(JsonNode? data) => data is JsonObject or JsonArray
        ? throw new TemplateException("A literal object or array as $data is not supported; bind $data to an expression.")
        : Prepare(data);

    private static object? Expand(Node node, Scope scope) => node switch
    {
        LiteralNode literal => literal.Value,
        StringNode s => EvaluateOrThrow(s.Template, scope),
        ArrayNode array => ExpandArray(array, scope),
        ObjectNode obj => ExpandObject(obj, scope),
        _ => throw new TemplateException($"Unexpected template node {node.GetType().Name}."),
    };

    private static List<object?> ExpandArray(ArrayNode array, Scope scope)
    {
        var result = new List<object?>();
        foreach (var item in array.Items)
        {
            switch (Expand(item, scope))
            {
                case null:
                    break;
                case List<object?> spliced:
                    result.AddRange(spliced);
                    break;
                case var value:
                    result.Add(value);
                    break;
            }
        }
        return result;
    }

    /// <summary>One copy per <c>$data</c> item that passes <c>$when</c>: none is null, one is the object, more is a list.</summary>
    private static object? ExpandObject(ObjectNode obj, Scope scope)
    {
        var contexts = new List<object?> { Undefined.Value };
        var isRepeat = false;
        if (obj.Data is not null)
        {
            var data = obj.Data is StringNode s ? EvaluateOrThrow(s.Template, scope) : Expand(obj.Data, scope);
            isRepeat = data is List<object?>;
            contexts = data as List<object?> ?? [data];
        }
        var copies = new List<object?>();
        for (var i = 0; i < contexts.Count; i++)
        {
            var itemScope = scope with
            {
                Data = contexts[i] is Undefined ? scope.Data : contexts[i],
                Index = isRepeat ? (double)i : scope.Index,
            };
            if (IsKept(obj.When, itemScope))
            {
                var copy = new OrderedDictionary<string, object?>();
                foreach (var (key, value) in obj.Properties)
                {
                    copy[key] = Expand(value, itemScope);
                }
                copies.Add(copy);
            }
        }
        return copies.Count switch
        {
            0 => null,
            1 => copies[0],
            _ => copies,
        };
    }

    /// <summary>$when keeps the element only for boolean true; a literal (not an expression) drops it when truthy.</summary>
    private static bool IsKept(Node? when, Scope scope) => when switch
    {
        null => true,
        StringNode s => ExpressionEvaluator.Evaluate(s.Template.Root, scope, substitute: false) is { Error: null, Value: true },
        LiteralNode literal => JsValue.IsFalsy(literal.Value),
        _ => false,
    };

    /// <summary>
    /// Evaluates a templated string with unresolved paths kept as text. A mixed string is joined part by part;
    /// where the official engine would print a failed part as <c>${...}</c>, this expander refuses instead.
    /// </summary>
    private static object? EvaluateOrThrow(TemplateString template, Scope scope)
    {
        if (template.Root is CallNode { Function.Name: "concat" } concat)
        {
            var text = new StringBuilder();
            foreach (var part in concat.Arguments)
            {
                var (value, error) = ExpressionEvaluator.Evaluate(part, scope, substitute: true);
                text.Append(error is null ? JsValue.ToDisplayString(value) : throw new TemplateException(error));
            }
            return text.ToString();
        }
        var result = ExpressionEvaluator.Evaluate(template.Root, scope, substitute: true);
        return result.Error is null ? result.Value : throw new TemplateException(result.Error);
    }
}
