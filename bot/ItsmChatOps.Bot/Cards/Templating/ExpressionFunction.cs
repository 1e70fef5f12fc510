namespace ItsmChatOps.Bot.Cards.Templating;

internal delegate EvalResult FunctionBody(IReadOnlyList<ExpressionNode> arguments, Scope scope, bool substitute);

/// <summary>
/// A prebuilt Adaptive Expressions function: its arity and argument kinds (checked when the template
/// is loaded, as the official parser does) and its evaluation.
/// </summary>
internal sealed record ExpressionFunction(
    string Name, ReturnKind Returns, int MinArity, int MaxArity, ReturnKind[] ArgumentKinds, FunctionBody Body)
{
    public CallNode Bind(IReadOnlyList<ExpressionNode> arguments)
    {
        if (arguments.Count < MinArity || arguments.Count > MaxArity)
        {
            var expected = MinArity == MaxArity ? $"{MinArity}" : MaxArity == int.MaxValue ? $"at least {MinArity}" : $"{MinArity} to {MaxArity}";
            throw new TemplateException($"{Name} takes {expected} argument(s), not {arguments.Count}.");
        }
        for (var i = 0; i < arguments.Count; i++)
        {
            var expected = ArgumentKinds[Math.Min(i, ArgumentKinds.Length - 1)];
            var actual = arguments[i].Returns;
            var checkedKinds = !expected.HasFlag(ReturnKind.Object) && !actual.HasFlag(ReturnKind.Object);
            if (checkedKinds && (expected & actual) == 0)
            {
                throw new TemplateException($"Argument {i + 1} of {Name} must be {expected}, not {actual}.");
            }
        }
        return new CallNode(this, arguments);
    }
}
