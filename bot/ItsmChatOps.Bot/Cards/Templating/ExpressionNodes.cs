namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>An Adaptive Expressions syntax tree node, shaped like the official engine's tree.</summary>
internal abstract record ExpressionNode
{
    /// <summary>What the node can return, for the argument checks the official parser makes.</summary>
    public abstract ReturnKind Returns { get; }
}

[Flags]
internal enum ReturnKind
{
    Boolean = 1,
    Number = 2,
    Object = 4,
    String = 8,
    Array = 16,
}

internal sealed record ConstantNode(object? Value) : ExpressionNode
{
    public override ReturnKind Returns => Value switch
    {
        string => ReturnKind.String,
        bool => ReturnKind.Boolean,
        double d when !double.IsNaN(d) => ReturnKind.Number,
        _ => ReturnKind.Object,
    };
}

/// <summary>A memory path such as <c>incident.summary</c> or <c>$root.viewer</c>, written as in the template.</summary>
internal sealed record PathNode(IReadOnlyList<string> Segments) : ExpressionNode
{
    public override ReturnKind Returns => ReturnKind.Object;

    public string Text => string.Join('.', Segments);
}

/// <summary>A function call; operators are calls too (<c>a == b</c> is <c>equals(a, b)</c>).</summary>
internal sealed record CallNode(ExpressionFunction Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode
{
    public override ReturnKind Returns => Function.Returns;
}
