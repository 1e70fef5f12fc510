namespace ItsmChatOps.Bot.Cards.Templating;

/// <summary>Equality and ordering as Adaptive Expressions defines them for JavaScript values.</summary>
internal static class JsEquality
{
    /// <summary>JavaScript's Number.EPSILON (2^-52), not .NET's double.Epsilon.</summary>
    private const double NumberEpsilon = 2.220446049250313e-16;

    /// <summary>commonEquals: null equals undefined, lists and objects compare deeply, numbers within epsilon.</summary>
    public static bool CommonEquals(object? a, object? b)
    {
        if (JsValue.IsNullish(a) || JsValue.IsNullish(b))
        {
            return JsValue.IsNullish(a) && JsValue.IsNullish(b);
        }
        return (a, b) switch
        {
            (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => CommonEquals(p.First, p.Second)),
            (OrderedDictionary<string, object?> x, OrderedDictionary<string, object?> y) => DeepEquals(x, y),
            (double x, double y) => Math.Abs(x - y) < NumberEpsilon || x == y,
            _ => StrictEquals(a, b),
        };
    }

    /// <summary>Ordering for less/greater: numbers with numbers, text with text (UTF-16 order); anything else fails.</summary>
    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (double x, double y) when !double.IsNaN(x) && !double.IsNaN(y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw new TemplateException($"{JsValue.ToJsString(a)} and {JsValue.ToJsString(b)} cannot be compared."),
    };

    /// <summary>lodash isEqual over plain JSON values: same keys, deeply equal values, strict primitives.</summary>
    private static bool DeepEquals(object? a, object? b) => (a, b) switch
    {
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => DeepEquals(p.First, p.Second)),
        (OrderedDictionary<string, object?> x, OrderedDictionary<string, object?> y) =>
            x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var other) && DeepEquals(p.Value, other)),
        _ => StrictEquals(a, b),
    };

    private static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) or (Undefined, Undefined) => true,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (double x, double y) => x == y,
        (bool x, bool y) => x == y,
        _ => ReferenceEquals(a, b),
    };
}
