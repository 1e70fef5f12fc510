using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;

namespace ItsmChatOps.Api.Storage.Cosmos;

/// <summary>
/// Translates a <see cref="DocumentQuery"/> into Cosmos DB SQL with parameters. Every WHERE starts with the
/// partition key equality, so each query is served by one logical partition.
/// </summary>
internal sealed class CosmosQueryBuilder
{
    private readonly List<(string Name, JsonNode? Value)> _parameters = [];

    /// <summary>The SQL expression of a path; bracket notation so property names that are keywords (value, order) stay valid.</summary>
    public static string Member(string path) =>
        "c" + string.Concat(JsonPath.Validate(path).Split('.').Select(segment => $"[\"{segment}\"]"));

    public QueryDefinition Select(string partitionKey, DocumentQuery query)
    {
        var where = Where(partitionKey, query.Where);
        var order = CosmosIndexingPolicy.EffectiveOrder(query.OrderBy);
        if (query.Continuation is not null)
        {
            var last = KeysetContinuation.Decode(query.OrderBy, query.Continuation);
            where.Add(After(order.Skip(1).ToList(), last));
        }

        // TOP n+1 tells whether another page exists without relying on server-side paging.
        var orderBy = string.Join(", ", order.Select(k => $"{Member(k.Path)}{(k.Descending ? " DESC" : " ASC")}"));
        return Build($"SELECT TOP {query.PageSize + 1} * FROM c WHERE {string.Join(" AND ", where)} ORDER BY {orderBy}");
    }

    public QueryDefinition Count(string partitionKey, IReadOnlyList<Condition> conditions) =>
        Build($"SELECT VALUE COUNT(1) FROM c WHERE {string.Join(" AND ", Where(partitionKey, conditions))}");

    private List<string> Where(string partitionKey, IReadOnlyList<Condition> conditions)
    {
        var where = new List<string> { $"c.pk = {Bind(JsonValue.Create(partitionKey))}" };
        where.AddRange(conditions.Select(Translate));
        return where;
    }

    private string Translate(Condition condition) => condition switch
    {
        Eq { Value: null } eq => Missing(eq.Path),
        Eq eq => $"{Member(eq.Path)} = {Bind(eq.Value)}",
        In { Values.Count: 0 } => "false",
        In @in => $"{Member(@in.Path)} IN ({string.Join(", ", @in.Values.Select(Bind))})",
        Compare c => $"{Member(c.Path)} {SqlText.Operator(c.Op)} {Bind(c.Value)}",
        ArrayContains a => $"ARRAY_CONTAINS({Member(a.Path)}, {Bind(a.Value)})",
        // CONTAINS(x, y, true) is not understood by every server that speaks the protocol; LOWER on both sides is.
        ContainsText t => $"CONTAINS(LOWER({Member(t.Path)}), LOWER({Bind(JsonValue.Create(t.Text))}))",
        IsDefined { Defined: true } d => $"(IS_DEFINED({Member(d.Path)}) AND NOT IS_NULL({Member(d.Path)}))",
        IsDefined d => Missing(d.Path),
        AnyOf { Conditions.Count: 0 } => "false",
        AnyOf any => $"({string.Join(" OR ", any.Conditions.Select(Translate))})",
        _ => throw new NotSupportedException($"Condition {condition.GetType().Name} is not supported."),
    };

    private static string Missing(string path) => $"(NOT IS_DEFINED({Member(path)}) OR IS_NULL({Member(path)}))";

    /// <summary>The keyset condition over the declared keys and the id; Cosmos DB SQL has no row-value comparison.</summary>
    private string After(List<SortKey> keys, IReadOnlyList<JsonValue?> last) =>
        SqlText.After(
            [.. keys.Select(k => Member(k.Path))],
            [.. keys.Select(k => k.Descending)],
            [.. last.Select(v => v is null ? "null" : Bind(v))]);

    private string Bind(JsonValue value)
    {
        var name = $"@p{_parameters.Count}";
        _parameters.Add((name, value));
        return name;
    }

    private QueryDefinition Build(string sql)
    {
        var definition = new QueryDefinition(sql);
        foreach (var (name, value) in _parameters)
        {
            // Parameters go to the wire as the exact JSON given, with no serializer in between.
            definition.WithParameterStream(name, new MemoryStream(Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null")));
        }

        return definition;
    }
}
