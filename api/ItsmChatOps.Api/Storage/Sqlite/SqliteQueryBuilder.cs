using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ItsmChatOps.Api.Storage.Sqlite;

/// <summary>
/// Translates a <see cref="DocumentQuery"/> into SQL over <c>json_extract</c> with numbered parameters, so that queries
/// of one shape share one text (and one compiled statement); <see cref="BindTo"/> then binds the values.
/// </summary>
internal sealed class SqliteQueryBuilder
{
    private readonly List<(string Name, object Value)> _parameters = [];

    /// <summary>The SQL expression of a path; indexes use exactly this text so the planner can match them.</summary>
    public static string Extract(string path) => $"json_extract(body, '$.{JsonPath.Validate(path)}')";

    public string Select(string partitionKey, DocumentQuery query)
    {
        // A key every row of the result shares (fixed by an equality filter) orders nothing: leaving it out of
        // ORDER BY and of the keyset lets the planner walk an index past its equality prefix. The id still
        // breaks ties in the direction the full key list gives, so both adapters return the same order.
        var fixedPaths = query.Where.OfType<Eq>().Where(e => e.Value is not null).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var kept = Enumerable.Range(0, query.OrderBy.Count).Where(i => !fixedPaths.Contains(query.OrderBy[i].Path)).ToList();
        var keys = kept.Select(i => query.OrderBy[i]).ToList();
        var idDescending = query.OrderBy.Count > 0 && query.OrderBy.All(k => k.Descending);

        var where = Partition(partitionKey);
        where.AddRange(query.Where.Select(Translate));
        if (query.Continuation is not null)
        {
            var last = KeysetContinuation.Decode(query.OrderBy, query.Continuation);
            where.Add(After(keys, idDescending, [.. kept.Select(i => last[i]), last[^1]]));
        }

        var order = keys.Select(k => $"{Extract(k.Path)}{(k.Descending ? " DESC" : "")}")
            .Append(idDescending ? "id DESC" : "id");
        return $"SELECT id, body, etag FROM documents WHERE {string.Join(" AND ", where)} " +
               $"ORDER BY {string.Join(", ", order)} LIMIT {Bind(query.PageSize + 1)}";
    }

    public string Count(string partitionKey, IReadOnlyList<Condition> conditions)
    {
        var where = Partition(partitionKey);
        where.AddRange(conditions.Select(Translate));
        return $"SELECT COUNT(*) FROM documents WHERE {string.Join(" AND ", where)}";
    }

    /// <summary>The partition, and its record type in the words of the partial indexes of that type.</summary>
    private List<string> Partition(string partitionKey) =>
        SqliteSchema.RecordTypeOf(partitionKey) is { } type
            ? [$"pk = {Bind(partitionKey)}", SqliteSchema.TypeTerm(type)]
            : [$"pk = {Bind(partitionKey)}"];

    private string Translate(Condition condition) => condition switch
    {
        Eq { Value: null } eq => $"{Extract(eq.Path)} IS NULL",
        Eq eq => $"{Extract(eq.Path)} = {Bind(eq.Value)}",
        In { Values.Count: 0 } => "0",
        In @in => $"{Extract(@in.Path)} IN ({string.Join(", ", @in.Values.Select(Bind))})",
        Compare c => $"{Extract(c.Path)} {SqlText.Operator(c.Op)} {Bind(c.Value)}",
        ArrayContains a => $"EXISTS (SELECT 1 FROM json_each(body, '$.{JsonPath.Validate(a.Path)}') WHERE value = {Bind(a.Value)})",
        ContainsText t => $"instr(lower({Extract(t.Path)}), lower({Bind(t.Text)})) > 0",
        IsDefined { Defined: true } d => $"{Extract(d.Path)} IS NOT NULL",
        IsDefined d => $"{Extract(d.Path)} IS NULL",
        AnyOf { Conditions.Count: 0 } => "0",
        AnyOf any => $"({string.Join(" OR ", any.Conditions.Select(Translate))})",
        _ => throw new NotSupportedException($"Condition {condition.GetType().Name} is not supported."),
    };

    /// <summary>The keyset condition "after the last item": a row-value comparison when every key runs the same way.</summary>
    private string After(IReadOnlyList<SortKey> orderBy, bool idDescending, IReadOnlyList<JsonValue?> last)
    {
        var columns = orderBy.Select(k => Extract(k.Path)).Append("id").ToList();
        var descending = orderBy.Select(k => k.Descending).Append(idDescending).ToList();
        var values = last.Select(v => v is null ? "NULL" : Bind(v)).ToList();
        if (descending.All(d => d) || descending.All(d => !d))
        {
            var op = descending[0] ? "<" : ">";
            return $"({string.Join(", ", columns)}) {op} ({string.Join(", ", values)})";
        }

        return SqlText.After(columns, descending, values);
    }

    private string Bind(JsonValue value) => value.GetValueKind() switch
    {
        // Read through the JSON text: a JsonValue built from an int (JsonValue.Create(2)) converts to neither long nor double.
        JsonValueKind.String => Bind(value.Deserialize<string>()!),
        JsonValueKind.True => Bind(1),
        JsonValueKind.False => Bind(0),
        JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => Bind(l),
        JsonValueKind.Number => Bind(value.Deserialize<double>()),
        _ => throw new NotSupportedException($"Cannot compare with a {value.GetValueKind()} value."),
    };

    /// <summary>Binds the values collected while building to <paramref name="command"/> (whose text is the one built).</summary>
    public SqliteCommand BindTo(SqliteCommand command)
    {
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private string Bind(object value)
    {
        var name = $"$p{_parameters.Count}";
        _parameters.Add((name, value));
        return name;
    }
}
