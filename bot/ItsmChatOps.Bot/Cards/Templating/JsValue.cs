using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>JavaScript's <c>undefined</c>: the official engine treats it differently from JSON null.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }

    public override string ToString() => "undefined";
}

/// <summary>
/// Values as the JavaScript engine sees them: Undefined, null, string, double, bool,
/// <see cref="List{T}"/> (array) and <see cref="OrderedDictionary{TKey,TValue}"/> (object).
/// </summary>
internal static class JsValue
{
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new OrderedDictionary<string, object?>(
            o.Select(p => KeyValuePair.Create(p.Key, FromJson(p.Value)))),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            // Whatever .NET type holds the number, JavaScript sees a double.
            JsonValueKind.Number => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            var kind => throw new TemplateException($"Unsupported JSON value of kind {kind}."),
        },
        _ => throw new TemplateException($"Unsupported JSON node {node.GetType().Name}."),
    };

    /// <summary>Converts back to JSON; JSON.stringify writes undefined array items as null.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null or Undefined => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        double => null,
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        OrderedDictionary<string, object?> obj => new JsonObject(
            obj.Where(p => p.Value is not Undefined).Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        _ => throw new TemplateException($"Unexpected value of type {value.GetType().Name}."),
    };

    public static bool IsNullish(object? value) => value is null or Undefined;

    public static bool IsNumber(object? value) => value is double d && !double.IsNaN(d);

    public static bool IsInteger(object? value) => value is double d && double.IsFinite(d) && Math.Floor(d) == d;

    /// <summary>Adaptive Expressions' truthiness: booleans as they are, null and undefined false, all else true.</summary>
    public static bool IsLogicTrue(object? value) => value is bool b ? b : !IsNullish(value);

    /// <summary>JavaScript's <c>!value</c>, used by property access.</summary>
    public static bool IsFalsy(object? value) => value switch
    {
        null or Undefined => true,
        bool b => !b,
        double d => d == 0 || double.IsNaN(d),
        string s => s.Length == 0,
        _ => false,
    };

    /// <summary><c>value.toString()</c>: throws for null and undefined, as JavaScript does.</summary>
    public static string ToDisplayString(object? value) => value switch
    {
        null or Undefined => throw new TemplateException($"Cannot convert {(value is null ? "null" : "undefined")} to text."),
        _ => ToJsString(value),
    };

    /// <summary><c>String(value)</c> in JavaScript.</summary>
    public static string ToJsString(object? value) => value switch
    {
        null => "null",
        Undefined => "undefined",
        string s => s,
        bool b => b ? "true" : "false",
        double d => FormatNumber(d),
        List<object?> list => string.Join(",", list.Select(i => IsNullish(i) ? "" : ToJsString(i))),
        _ => "[object Object]",
    };

    /// <summary>JSON.stringify, used by concat for objects and arrays.</summary>
    public static string Stringify(object? value) => value switch
    {
        List<object?> or OrderedDictionary<string, object?> => ToJson(value)!.ToJsonString(CardJson.Compact),
        _ => ToJsString(value),
    };

    /// <summary>Number.prototype.toString(): shortest round-trip digits, exponent only beyond 1e21 or below 1e-6.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0)
        {
            return "0";
        }
        var sign = value < 0 ? "-" : "";
        var (digits, n) = ShortestDigits(Math.Abs(value));
        var k = digits.Length;
        string body;
        if (k <= n && n <= 21)
        {
            body = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            body = "0." + new string('0', -n) + digits;
        }
        else
        {
            var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
            body = mantissa + "e" + (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        }
        return sign + body;
    }

    /// <summary>The shortest round-trip digits d1..dk and n such that the value is 0.d1..dk × 10^n (ECMA-262 Number::toString).</summary>
    private static (string Digits, int N) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var combined = integerPart + (point < 0 ? "" : mantissa[(point + 1)..]);
        var significant = combined.TrimStart('0');
        var n = integerPart.Length + exponent - (combined.Length - significant.Length);
        return (significant.TrimEnd('0'), n);
    }
}
