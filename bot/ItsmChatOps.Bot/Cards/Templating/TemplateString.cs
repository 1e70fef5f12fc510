using System.Text;

namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>
/// A JSON string value of a template, prepared once. A string that is exactly one <c>${expr}</c>
/// evaluates to the expression's typed value; any other string with an expression is a concatenation.
/// <c>\$</c> and <c>\`</c> escape a character, as in the official engine's backtick template.
/// </summary>
internal sealed class TemplateString
{
    private TemplateString(ExpressionNode? single, CallNode? concat)
    {
        Single = single;
        Concatenation = concat;
    }

    /// <summary>The expression when the whole string is one expression.</summary>
    public ExpressionNode? Single { get; }

    /// <summary>concat('', parts...) when the string mixes text and expressions.</summary>
    public CallNode? Concatenation { get; }

    public ExpressionNode Root => Single ?? Concatenation!;

    /// <summary>Returns null for a string without <c>${</c>, which the official engine leaves untouched.</summary>
    public static TemplateString? TryParse(string value)
    {
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = new List<ExpressionNode>();
        var text = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '`')
            {
                throw new TemplateException($"A backtick in a string with an expression is not supported (escape it as \\`): \"{value}\".");
            }
            if (c == '\\' && i + 1 < value.Length && value[i + 1] is '`' or '$')
            {
                text.Append(value[i + 1]);
                i += 2;
            }
            else if (c == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                var end = FindTemplateEnd(value, i);
                FlushText(text, parts);
                parts.Add(ExpressionParser.Parse(value[(i + 2)..end].Trim()));
                i = end + 1;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        FlushText(text, parts);
        if (parts is [not ConstantNode])
        {
            return new TemplateString(parts[0], null);
        }
        return new TemplateString(null, ExpressionFunctions.Get("concat").Bind([new ConstantNode(""), .. parts]));
    }

    private static void FlushText(StringBuilder text, List<ExpressionNode> parts)
    {
        if (text.Length > 0)
        {
            parts.Add(new ConstantNode(text.ToString()));
            text.Clear();
        }
    }

    /// <summary>
    /// The closing brace of the expression starting at <paramref name="start"/>: quoted strings may hold
    /// braces; newlines, backticks and inline objects may not (the official lexer's TEMPLATE rule).
    /// </summary>
    private static int FindTemplateEnd(string value, int start)
    {
        var i = start + 2;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '}' && i > start + 2)
            {
                return i;
            }
            if (c is '\'' or '"')
            {
                i = SkipQuoted(value, i);
            }
            else if (c is '{' or '}' or '\r' or '\n' or '`')
            {
                break;
            }
            else
            {
                i++;
            }
        }
        throw new TemplateException($"Unterminated or unsupported ${{...}} expression in \"{value}\".");
    }

    private static int SkipQuoted(string value, int i)
    {
        var quote = value[i++];
        while (i < value.Length && value[i] != quote)
        {
            i += value[i] == '\\' && i + 1 < value.Length && (value[i + 1] == quote || value[i + 1] == '\\') ? 2 : 1;
        }
        if (i >= value.Length)
        {
            throw new TemplateException($"Unterminated string inside an expression in \"{value}\".");
        }
        return i + 1;
    }
}
