using System.Globalization;
using System.Text;

namespace ItsmChatOps.Bot.Cards.Templating;

internal enum TokenKind
{
    Number,
    String,
    Identifier,
    Operator,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, object? Value = null);

/// <summary>Splits an Adaptive Expressions expression into tokens, following the official ANTLR lexer's rules.</summary>
internal static class ExpressionLexer
{
    private static readonly string[] Operators =
    [
        "==", "!=", "<>", "<=", ">=", "&&", "||", "??", "=>",
        "+", "-", "!", "^", "*", "/", "%", "&", "<", ">", "(", ")", ".", "[", "]", "{", "}", ",", ":", "?",
    ];

    public static List<Token> Tokenize(string expression)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is ' ' or '\t' or '\ufeff' or '\u00a0')
            {
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumber(expression, ref i));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(expression, ref i));
            }
            else if (char.IsAsciiLetter(c) || c is '_' or '$')
            {
                var start = i++;
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, expression[start..i]));
            }
            else if (c is '#' or '@' || (c == '%' && i + 1 < expression.Length && (char.IsAsciiLetterOrDigit(expression[i + 1]) || expression[i + 1] == '_')))
            {
                throw new TemplateException($"Identifiers starting with '{c}' are not supported: '{expression}'.");
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(expression, i, o, 0, o.Length) == 0)
                    ?? throw new TemplateException($"Unexpected character '{c}' in expression '{expression}'.");
                tokens.Add(new Token(TokenKind.Operator, op));
                i += op.Length;
            }
        }
        tokens.Add(new Token(TokenKind.End, ""));
        return tokens;
    }

    private static Token ReadNumber(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }
        var text = s[start..i];
        return new Token(TokenKind.Number, text, double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    /// <summary>A quoted string: <c>\'</c> (or <c>\"</c>) and <c>\\</c> stay inside; then \r \n \t \\ are unescaped.</summary>
    private static Token ReadString(string s, ref int i)
    {
        var quote = s[i];
        var start = i++;
        while (i < s.Length && s[i] != quote)
        {
            i += s[i] == '\\' && i + 1 < s.Length && (s[i + 1] == quote || s[i + 1] == '\\') ? 2 : 1;
        }
        if (i >= s.Length)
        {
            throw new TemplateException($"Unterminated string in expression '{s}'.");
        }
        i++;
        var text = s[start..i];
        var inner = text[1..^1].Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal);
        return new Token(TokenKind.String, text, Unescape(inner));
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is 'r' or 'n' or 't' or '\\')
            {
                result.Append(text[++i] switch { 'r' => '\r', 'n' => '\n', 't' => '\t', _ => '\\' });
            }
            else
            {
                result.Append(text[i]);
            }
        }
        return result.ToString();
    }
}
