using System.Text;

namespace ItsmChatOps.Api.Storage;

/// <summary>SQL text both adapters' query builders write the same way (SQLite and Cosmos DB SQL agree on it).</summary>
internal static class SqlText
{
    public static string Operator(CompareOp op) => op switch
    {
        CompareOp.LessThan => "<",
        CompareOp.LessOrEqual => "<=",
        CompareOp.GreaterThan => ">",
        CompareOp.GreaterOrEqual => ">=",
        CompareOp.NotEqual => "<>",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// The keyset condition "after the last item", spelled out: the first column after its value, or the
    /// first equal and the second after, and so on. Values are already bound parameter names (or a null literal).
    /// </summary>
    public static string After(IReadOnlyList<string> columns, IReadOnlyList<bool> descending, IReadOnlyList<string> values)
    {
        var branches = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var branch = new StringBuilder("(");
            for (var j = 0; j < i; j++)
            {
                branch.Append($"{columns[j]} = {values[j]} AND ");
            }

            branch.Append($"{columns[i]} {(descending[i] ? "<" : ">")} {values[i]})");
            branches.Add(branch.ToString());
        }

        return $"({string.Join(" OR ", branches)})";
    }
}
