namespace ItsmChatOps.Api.Storage;

/// <summary>
/// An index the queries of one record type rely on, as an ordered list of JSON paths. SQLite turns it
/// into an expression index; for Cosmos DB it becomes a composite index of the container's indexing
/// policy (every path is indexed there already; composite indexes serve multi-property ORDER BY).
/// </summary>
public sealed record IndexDefinition(string Name, string RecordType, IReadOnlyList<SortKey> Keys);

/// <summary>The indexes every feature declares, in one place so both adapters and the Bicep agree.</summary>
public sealed class StorageIndexes
{
    private readonly List<IndexDefinition> _indexes = [];

    public IReadOnlyList<IndexDefinition> All => _indexes;

    public StorageIndexes Add(string name, string recordType, params SortKey[] keys)
    {
        _indexes.Add(new IndexDefinition(name, recordType, keys));
        return this;
    }
}
