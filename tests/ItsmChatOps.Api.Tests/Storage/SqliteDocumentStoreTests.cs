using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Storage.Sqlite;

namespace ItsmChatOps.Api.Tests.Storage;

[Trait("Category", "StorageContract")]
public sealed class SqliteDocumentStoreTests : DocumentStoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("itsm-store-").FullName;
    private SqliteDocumentStore? _store;

    protected override Task<IDocumentStore> CreateStoreAsync()
    {
        _store = new SqliteDocumentStore(Path.Combine(_directory, "itsm.db"), Indexes);
        return Task.FromResult<IDocumentStore>(_store);
    }

    public override Task DisposeAsync()
    {
        _store?.Dispose();
        // Pooled connections keep the file open until the pool is cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
