using System.Text.Json.Nodes;

namespace ItsmChatOps.Api.Storage;

/// <summary>
/// A query inside one partition: conditions (all must hold), an order, a page size and the
/// continuation returned by the previous page. Paths are dotted JSON property names as stored
/// (<c>state</c>, <c>assignment.groupId</c>).
/// </summary>
/// <remarks>
/// Paging is keyset paging: the continuation carries the sort values and id of the last item, so a
/// page costs the same at 100k documents as at 10k when an index covers the order. The store always
/// appends <c>id</c> as the final tiebreaker. Sort paths must be present and non-null on every
/// document the query can return (Cosmos DB and SQLite order missing values differently).
/// </remarks>
public sealed record DocumentQuery
{
    public IReadOnlyList<Condition> Where { get; init; } = [];

    public IReadOnlyList<SortKey> OrderBy { get; init; } = [];

    public int PageSize { get; init; } = 50;

    public string? Continuation { get; init; }
}

public sealed record SortKey(string Path, bool Descending = false);

/// <summary>A condition on one document.</summary>
public abstract record Condition;

/// <summary><c>path = value</c>; a null value matches documents where the path is missing or null.</summary>
public sealed record Eq(string Path, JsonValue? Value) : Condition;

/// <summary><c>path</c> equals one of the values.</summary>
public sealed record In(string Path, IReadOnlyList<JsonValue> Values) : Condition;

/// <summary><c>path op value</c> for ordered values (numbers, ISO-8601 UTC strings, other strings).</summary>
public sealed record Compare(string Path, CompareOp Op, JsonValue Value) : Condition;

/// <summary>The array at <c>path</c> contains the value (exact element match).</summary>
public sealed record ArrayContains(string Path, JsonValue Value) : Condition;

/// <summary>The string at <c>path</c> contains <see cref="Text"/>, ignoring case.</summary>
public sealed record ContainsText(string Path, string Text) : Condition;

/// <summary>The path exists and is not null (or, with <see cref="Defined"/> false, is missing or null).</summary>
public sealed record IsDefined(string Path, bool Defined = true) : Condition;

/// <summary>At least one of the conditions holds.</summary>
public sealed record AnyOf(IReadOnlyList<Condition> Conditions) : Condition;

public enum CompareOp
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    NotEqual,
}
