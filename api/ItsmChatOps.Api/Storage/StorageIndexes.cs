namespace ItsmChatOps.Api.Storage;

/// <summary>
/// An index the queries of one record type rely on, as an ordered list of JSON paths. SQLite turns it
/// into an expression index; for Cosmos DB it becomes a composite index of the container's indexing
/// policy (every path is indexed there already; composite indexes serve multi-property ORDER BY).
/// </summary>
public sealed record IndexDefinition(string Name, string RecordType, IReadOnlyList<SortKey> Keys);

public static class StorageIndexExtensions
{
    /// <summary>Declares an index; the store collects every declared index when it is built.</summary>
    public static IServiceCollection AddStorageIndex(this IServiceCollection services, string name, string recordType, params SortKey[] keys) =>
        services.AddSingleton(new IndexDefinition(name, recordType, keys));
}
