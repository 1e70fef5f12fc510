using static ItsmChatOps.Bot.Cards.Templating.ExpressionEvaluator;

namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>
/// Arithmetic with JavaScript numbers as the official engine does it: <c>+</c> also joins text,
/// and dividing two integers floors the result.
/// </summary>
internal static class Arithmetic
{
    public static EvalResult Add(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var (values, error) = EvaluateAll(args, scope, substitute,
            (v, i) => v is string or Undefined || JsValue.IsNumber(v) ? null : $"argument {i + 1} is neither a number nor text");
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }
        var soFar = values[0];
        foreach (var next in values.Skip(1))
        {
            if ((soFar is Undefined && JsValue.IsNumber(next)) || (next is Undefined && JsValue.IsNumber(soFar)))
            {
                return EvalResult.Fail("'+' cannot add a number and an undefined value.");
            }
            soFar = (soFar, next) switch
            {
                (double a, double b) => a + b,
                (Undefined, Undefined) => "",
                (Undefined, var b) => JsValue.ToJsString(b),
                (var a, Undefined) => JsValue.ToJsString(a),
                var (a, b) => JsValue.ToJsString(a) + JsValue.ToJsString(b),
            };
        }
        return EvalResult.Ok(soFar);
    }

    public static EvalResult Subtract(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute) =>
        Numeric(args, scope, substitute, (a, b) => a - b);

    public static EvalResult Multiply(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute) =>
        Numeric(args, scope, substitute, (a, b) => a * b);

    public static EvalResult Divide(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute) =>
        Numeric(args, scope, substitute, (a, b) => JsValue.IsInteger(a) && JsValue.IsInteger(b) ? Math.Floor(a / b) : a / b,
            (v, i) => i > 0 && v is 0d ? "cannot divide by 0" : null);

    public static EvalResult Modulo(IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute)
    {
        var (values, error) = EvaluateAll(args, scope, substitute,
            (v, i) => JsValue.IsInteger(v) ? null : $"argument {i + 1} is not an integer");
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }
        var divisor = (double)values[1]!;
        return divisor == 0 ? EvalResult.Fail("cannot take a remainder by 0") : EvalResult.Ok((double)values[0]! % divisor);
    }

    private static EvalResult Numeric(
        IReadOnlyList<ExpressionNode> args, Scope scope, bool substitute, Func<double, double, double> operation,
        Func<object?, int, string?>? extraCheck = null)
    {
        var (values, error) = EvaluateAll(args, scope, substitute,
            (v, i) => JsValue.IsNumber(v) ? extraCheck?.Invoke(v, i) : $"argument {i + 1} is not a number");
        if (error is not null)
        {
            return EvalResult.Fail(error);
        }
        var soFar = (double)values[0]!;
        foreach (var next in values.Skip(1))
        {
            soFar = operation(soFar, (double)next!);
        }
        return EvalResult.Ok(soFar);
    }
}
