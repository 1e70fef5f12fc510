using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Storage.Sqlite;

/// <summary>The embedded store's file, bound from <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The database file; a relative path is resolved against the content root.</summary>
    [Required]
    public string Path { get; set; } = "data/itsm.db";
}
