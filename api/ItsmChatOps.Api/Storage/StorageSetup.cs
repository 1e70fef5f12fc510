using ItsmChatOps.Api.Storage.Sqlite;

namespace ItsmChatOps.Api.Storage;

public static class StorageSetup
{
    /// <summary>The embedded SQLite store at <c>Storage:Sqlite:Path</c> (default <c>data/itsm.db</c> under the content root).</summary>
    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder)
    {
        var path = builder.Configuration["Storage:Sqlite:Path"] ?? "data/itsm.db";
        var fullPath = Path.IsPathRooted(path) ? path : Path.Combine(builder.Environment.ContentRootPath, path);
        builder.Services.AddSingleton<IDocumentStore>(sp => new SqliteDocumentStore(fullPath, sp.GetServices<IndexDefinition>().ToList()));
        return builder;
    }
}
