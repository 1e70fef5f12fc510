namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>The value of an expression, or the error the official engine would report instead.</summary>
internal readonly record struct EvalResult(object? Value, string? Error)
{
    public static EvalResult Ok(object? value) => new(value, null);

    public static EvalResult Fail(string error) => new(Undefined.Value, error);
}

/// <summary>What names resolve against: <c>$root</c>, <c>$data</c> (the root unless set) and <c>$index</c>.</summary>
internal sealed record Scope(object? Root, object? Data, object? Index)
{
    public object? CurrentData => Data is Undefined ? Root : Data;
}

/// <summary>
/// Evaluates expression trees with the official engine's memory rules: bare names bind to <c>$data</c>,
/// property names match case-insensitively, and with <paramref name="substitute"/> set an unresolved
/// path evaluates to its own text (<c>${path}</c>), which is how unresolved bindings stay verbatim.
/// </summary>
internal static class ExpressionEvaluator
{
    public static EvalResult Evaluate(ExpressionNode node, Scope scope, bool substitute) => node switch
    {
        ConstantNode c => EvalResult.Ok(c.Value),
        PathNode p => EvaluatePath(p, scope, substitute),
        CallNode call => call.Function.Body(call.Arguments, scope, substitute),
        _ => throw new TemplateException($"Unsupported expression node {node.GetType().Name}."),
    };

    /// <summary>Evaluates arguments in order, stopping at the first error or failed check.</summary>
    public static (List<object?> Values, string? Error) EvaluateAll(
        IReadOnlyList<ExpressionNode> arguments, Scope scope, bool substitute, Func<object?, int, string?>? verify = null)
    {
        var values = new List<object?>(arguments.Count);
        for (var i = 0; i < arguments.Count; i++)
        {
            var (value, error) = Evaluate(arguments[i], scope, substitute);
            error ??= verify?.Invoke(value, i);
            if (error is not null)
            {
                return (values, error);
            }
            values.Add(value);
        }
        return (values, null);
    }

    private static EvalResult EvaluatePath(PathNode path, Scope scope, bool substitute)
    {
        var value = Resolve(path.Segments, scope);
        if (value is not Undefined)
        {
            return EvalResult.Ok(value);
        }
        return EvalResult.Ok(substitute ? "${" + path.Text + "}" : Undefined.Value);
    }

    private static object? Resolve(IReadOnlyList<string> segments, Scope scope)
    {
        var first = segments[0];
        var current = first.StartsWith('$') ? ScopeValue(first, scope) : GetProperty(scope.CurrentData, first);
        for (var i = 1; i < segments.Count && current is not Undefined; i++)
        {
            current = GetProperty(current, segments[i]);
        }
        return current;
    }

    private static object? ScopeValue(string name, Scope scope) => name.ToLowerInvariant() switch
    {
        "$root" => scope.Root,
        "$data" => scope.CurrentData,
        "$index" => scope.Index,
        _ => Undefined.Value,
    };

    /// <summary>Property access by name, case-insensitive, first match in key order, as the official engine does.</summary>
    public static object? GetProperty(object? instance, string name)
    {
        if (JsValue.IsFalsy(instance) || instance is not OrderedDictionary<string, object?> obj)
        {
            return Undefined.Value;
        }
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return Undefined.Value;
    }
}
