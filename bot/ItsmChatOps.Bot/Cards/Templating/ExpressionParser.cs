namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>
/// Parses the Adaptive Expressions subset the templates use: literals, memory paths, function calls,
/// unary and binary operators with the official grammar's precedence, and <c>?:</c>.
/// Indexers, lambdas, array and object literals and nested templates are rejected.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>
    /// Binary operator levels, loosest first, as ordered in the official grammar. '&amp;', '^' and '&lt;&gt;'
    /// parse there but are refused here ('&lt;&gt;' even fails in the official engine: it has no function for it).
    /// </summary>
    private static readonly string[][] Levels =
    [
        ["??"], ["||"], ["&&"], ["<", "<=", ">", ">="], ["&"], ["==", "!=", "<>"], ["+", "-"], ["*", "/", "%"], ["^"],
    ];

    private static readonly Dictionary<string, string> OperatorFunctions = new(StringComparer.Ordinal)
    {
        ["??"] = "coalesce", ["||"] = "or", ["&&"] = "and", ["<"] = "less", ["<="] = "lessOrEquals", [">"] = "greater",
        [">="] = "greaterOrEquals", ["=="] = "equals", ["!="] = "!=", ["+"] = "add", ["-"] = "sub",
        ["*"] = "mul", ["/"] = "div", ["%"] = "mod",
    };

    private readonly string _source;
    private readonly List<Token> _tokens;
    private int _position;

    private ExpressionParser(string source)
    {
        _source = source;
        _tokens = ExpressionLexer.Tokenize(source);
    }

    public static ExpressionNode Parse(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new TemplateException("An empty ${} expression is not supported.");
        }
        var parser = new ExpressionParser(expression);
        var node = parser.ParseConditional();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Error($"unexpected '{parser.Peek.Text}'");
        }
        return node;
    }

    private Token Peek => _tokens[_position];

    private bool IsOperator(string text) => Peek.Kind == TokenKind.Operator && Peek.Text == text;

    private Token Next() => _tokens[_position++];

    private void Expect(string text)
    {
        if (!IsOperator(text))
        {
            throw Error($"expected '{text}' but found '{Peek.Text}'");
        }
        _position++;
    }

    private TemplateException Error(string problem) => new($"Cannot parse expression '{_source}': {problem}.");

    /// <summary><c>a ? b : c</c> is left-associative in the official grammar, like its binary operators.</summary>
    private ExpressionNode ParseConditional()
    {
        var condition = ParseBinary(0);
        while (IsOperator("?"))
        {
            _position++;
            var whenTrue = ParseConditional();
            Expect(":");
            var whenFalse = ParseBinary(0);
            condition = ExpressionFunctions.Get("if").Bind([condition, whenTrue, whenFalse]);
        }
        return condition;
    }

    private ExpressionNode ParseBinary(int level)
    {
        if (level == Levels.Length)
        {
            return ParseUnary();
        }
        var left = ParseBinary(level + 1);
        while (Peek.Kind == TokenKind.Operator && Levels[level].Contains(Peek.Text))
        {
            var op = Next().Text;
            if (!OperatorFunctions.TryGetValue(op, out var function))
            {
                throw Error($"the operator '{op}' is not supported");
            }
            left = ExpressionFunctions.Get(function).Bind([left, ParseBinary(level + 1)]);
        }
        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (Peek.Kind == TokenKind.Operator && Peek.Text is "!" or "-" or "+")
        {
            var op = Next().Text;
            var operand = ParseUnary();
            return op == "!"
                ? ExpressionFunctions.Get("not").Bind([operand])
                : ExpressionFunctions.Get(op == "-" ? "sub" : "add").Bind([new ConstantNode(0d), operand]);
        }
        return ParsePrimary();
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Next();
        var (node, isBareName) = token.Kind switch
        {
            TokenKind.Number or TokenKind.String => (new ConstantNode(token.Value), false),
            TokenKind.Identifier => (Identifier(token.Text), true),
            TokenKind.Operator when token.Text == "(" => (ParseParenthesized(), false),
            _ => throw Error($"'{token.Text}' is not supported here"),
        };
        while (true)
        {
            if (IsOperator("."))
            {
                _position++;
                var member = Next();
                if (member.Kind != TokenKind.Identifier || node is not PathNode path)
                {
                    throw Error("member access is supported on names only");
                }
                node = new PathNode([.. path.Segments, member.Text]);
            }
            else if (IsOperator("("))
            {
                if (!isBareName || node is not PathNode { Segments.Count: 1 } callee)
                {
                    throw Error("only plain function names can be called");
                }
                _position++;
                node = ExpressionFunctions.Get(callee.Segments[0]).Bind(ParseArguments());
            }
            else if (IsOperator("[") || IsOperator("!"))
            {
                throw Error($"'{Peek.Text}' after a value (indexers, '!' calls) is not supported");
            }
            else
            {
                return node;
            }
            isBareName = false;
        }
    }

    private ExpressionNode ParseParenthesized()
    {
        var inner = ParseConditional();
        Expect(")");
        return inner;
    }

    private List<ExpressionNode> ParseArguments()
    {
        var arguments = new List<ExpressionNode>();
        if (IsOperator(")"))
        {
            _position++;
            return arguments;
        }
        while (true)
        {
            arguments.Add(ParseConditional());
            if (IsOperator("=>"))
            {
                throw Error("lambdas are not supported");
            }
            if (IsOperator(")"))
            {
                _position++;
                return arguments;
            }
            Expect(",");
        }
    }

    private ExpressionNode Identifier(string name) => name switch
    {
        "true" => new ConstantNode(true),
        "false" => new ConstantNode(false),
        "null" => new ConstantNode(null),
        "undefined" => new ConstantNode(Undefined.Value),
        _ when name == "$" || name.Equals("$_acTemplateVersion", StringComparison.OrdinalIgnoreCase) =>
            throw Error($"'{name}' is not supported"),
        _ => new PathNode([name]),
    };
}
