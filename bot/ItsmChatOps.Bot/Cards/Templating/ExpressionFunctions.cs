using static ItsmChatOps.Bot.Cards.Templating.ExpressionEvaluator;

namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>
/// The Adaptive Expressions functions the templates use, with the official engine's semantics
/// (adaptive-expressions 4.22): logic and comparisons swallow argument errors and never substitute
/// unresolved paths; the others pass substitution through to their arguments.
/// </summary>
internal static class ExpressionFunctions
{
    private const ReturnKind Any = ReturnKind.Object;
    private const int Many = int.MaxValue;

    private static readonly Dictionary<string, ExpressionFunction> ByName = new[]
    {
        new ExpressionFunction("if", Any, 3, 3, [Any], If),
        new ExpressionFunction("not", ReturnKind.Boolean, 1, 1, [Any], Not),
        new ExpressionFunction("and", ReturnKind.Boolean, 1, Many, [Any], And),
        new ExpressionFunction("or", ReturnKind.Boolean, 1, Many, [Any], Or),
        Comparison("equals", 2, null, (a, b) => JsEquality.CommonEquals(a, b)),
        Comparison("!=", 2, null, (a, b) => !JsEquality.CommonEquals(a, b)),
        Comparison("less", 2, VerifyNotNull, (a, b) => JsEquality.Compare(a, b) < 0),
        Comparison("lessOrEquals", 2, VerifyNotNull, (a, b) => JsEquality.Compare(a, b) <= 0),
        Comparison("greater", 2, VerifyNotNull, (a, b) => JsEquality.Compare(a, b) > 0),
        Comparison("greaterOrEquals", 2, VerifyNotNull, (a, b) => JsEquality.Compare(a, b) >= 0),
        Comparison("exists", 1, VerifyNotNull, (_, _) => true),
        Comparison("empty", 1, VerifyContainerOrNull, (a, _) => IsEmpty(a)),
        new ExpressionFunction("count", ReturnKind.Number, 1, 1, [ReturnKind.String | ReturnKind.Array], Count),
        new ExpressionFunction("concat", ReturnKind.String | ReturnKind.Array, 1, Many, [Any], Concat),
        new ExpressionFunction("join", ReturnKind.String, 2, 3, [ReturnKind.Array, ReturnKind.String], Join),
        new ExpressionFunction("toUpper", ReturnKind.String, 1, 1, [ReturnKind.String], (a, s, sub) => ChangeCase(a, s, sub, upper: true)),
        new ExpressionFunction("toLower", ReturnKind.String, 1, 1, [ReturnKind.String], (a, s, sub) => ChangeCase(a, s, sub, upper: false)),
        new ExpressionFunction("coalesce", Any, 1, Many, [Any], Coalesce),
        new ExpressionFunction("add", ReturnKind.String | ReturnKind.Number, 2, Many, [ReturnKind.String | ReturnKind.Number], Arithmetic.Add),
        new ExpressionFunction("sub", ReturnKind.Number, 2, Many, [ReturnKind.Number], Arithmetic.Subtract),
        new ExpressionFunction("mul", ReturnKind.Number, 2, Many, [ReturnKind.Number], Arithmetic.Multiply),
        new ExpressionFunction("div", ReturnKind.Number, 2, Many, [ReturnKind.Number], Arithmetic.Divide),
        new ExpressionFunction("mod", ReturnKind.Number, 2, 2, [ReturnKind.Number], Arithmetic.Modulo),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Looks a function up by its exact (case-sensitive) name, as the official lookup does.</summary>
    public static ExpressionFunction Get(string name) =>
        ByName.TryGetValue(name, out var function)
            ? function
            : throw new TemplateException($"The function '{name}' is not supported by the card template expander.");

    private static EvalResult If(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var condition = Evaluate(args[0], scope, substitute: false);
        var branch = condition.Error is null && JsValue.IsLogicTrue(condition.Value) ? args[1] : args[2];
        return Evaluate(branch, scope, substitute);
    }

    private static EvalResult Not(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var (value, error) = Evaluate(args[0], scope, substitute: false);
        return EvalResult.Ok(error is not null || !JsValue.IsLogicTrue(value));
    }

    private static EvalResult And(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute) =>
        EvalResult.Ok(args.All(a => Evaluate(a, scope, substitute: false) is { Error: null } r && JsValue.IsLogicTrue(r.Value)));

    private static EvalResult Or(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute) =>
        EvalResult.Ok(args.Any(a => Evaluate(a, scope, substitute: false) is { Error: null } r && JsValue.IsLogicTrue(r.Value)));

    /// <summary>Comparisons evaluate without substitution and answer false when an argument fails or is rejected.</summary>
    private static ExpressionFunction Comparison(
        string name, int arity, Func<object?, int, string?>? verify, Func<object?, object?, bool> compare) =>
        new(name, ReturnKind.Boolean, arity, arity, [Any], (args, scope, _) =>
        {
            var (values, error) = EvaluateAll(args, scope, substitute: false, verify);
            if (error is not null)
            {
                return EvalResult.Ok(false);
            }
            try
            {
                return EvalResult.Ok(compare(values[0], values.Count > 1 ? values[1] : null));
            }
            catch (TemplateException ex)
            {
                return EvalResult.Fail(ex.Message);
            }
        });

    private static string? VerifyNotNull(object? value, int position) =>
        JsValue.IsNullish(value) ? $"argument {position + 1} is null" : null;

    private static string? VerifyContainerOrNull(object? value, int position) =>
        value is double or bool ? $"argument {position + 1} must be a string, list or object" : null;

    private static bool IsEmpty(object? value) => value switch
    {
        null or Undefined => true,
        string s => s.Length == 0,
        List<object?> list => list.Count == 0,
        OrderedDictionary<string, object?> obj => obj.Count == 0,
        _ => false,
    };

    private static EvalResult Count(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var (values, error) = EvaluateAll(args, scope, substitute);
        return error is not null ? EvalResult.Fail(error) : values[0] switch
        {
            string s => EvalResult.Ok((double)s.Length),
            List<object?> list => EvalResult.Ok((double)list.Count),
            OrderedDictionary<string, object?> obj => EvalResult.Ok((double)obj.Count),
            var other => EvalResult.Fail($"count needs a string, list or object, not {JsValue.ToJsString(other)}."),
        };
    }

    private static EvalResult Concat(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var (values, error) = EvaluateAll(args, scope, substitute);
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }
        var soFar = values[0];
        foreach (var next in values.Skip(1))
        {
            soFar = (soFar, next) switch
            {
                (var a, var b) when JsValue.IsNullish(a) && JsValue.IsNullish(b) => Undefined.Value,
                (var a, List<object?> b) when JsValue.IsNullish(a) => b,
                (List<object?> a, var b) when JsValue.IsNullish(b) => a,
                (List<object?> a, List<object?> b) => a.Concat(b).ToList(),
                var (a, b) => ConcatText(a) + ConcatText(b),
            };
        }
        return EvalResult.Ok(soFar);
    }

    /// <summary>commonStringify: JSON for lists and objects (outer quotes stripped), toString for the rest.</summary>
    private static string ConcatText(object? value) => value switch
    {
        null or Undefined => "",
        List<object?> or OrderedDictionary<string, object?> => JsValue.Stringify(value).Trim('"', '\''),
        _ => JsValue.ToJsString(value),
    };

    private static EvalResult Join(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var (values, error) = EvaluateAll(args, scope, substitute);
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }
        if (values[0] is not List<object?> list)
        {
            return EvalResult.Fail("join needs a list.");
        }
        string JoinWith(IEnumerable<object?> items, object? separator) =>
            string.Join(separator is Undefined ? "," : JsValue.ToJsString(separator), items.Select(i => JsValue.IsNullish(i) ? "" : JsValue.ToJsString(i)));
        if (values.Count == 2 || list.Count < 3)
        {
            return EvalResult.Ok(JoinWith(list, values[^1]));
        }
        return EvalResult.Ok(JoinWith(list.Take(list.Count - 1), values[1]) + JsValue.ToJsString(values[2]) + JsValue.ToJsString(list[^1]));
    }

    private static EvalResult ChangeCase(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute, bool upper)
    {
        var (values, error) = EvaluateAll(args, scope, substitute,
            (v, i) => v is string or Undefined ? null : $"argument {i + 1} is neither a string nor undefined");
        return error is not null ? EvalResult.Fail(error) : values[0] switch
        {
            string s => EvalResult.Ok(upper ? JsCase.ToUpper(s) : JsCase.ToLower(s)),
            _ => EvalResult.Ok(""),
        };
    }

    private static EvalResult Coalesce(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var (values, error) = EvaluateAll(args, scope, substitute);
        return error is not null ? EvalResult.Fail(error) : EvalResult.Ok(values.FirstOrDefault(v => !JsValue.IsNullish(v), Undefined.Value));
    }
}
