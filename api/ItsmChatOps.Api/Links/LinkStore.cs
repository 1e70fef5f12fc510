using System.Text.Json.Nodes;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Links;

/// <summary>A typed, directed link between two records, stored once and found from either end (requirements §17).</summary>
public sealed class Link
{
    public required string Id { get; init; }
    public required string FromId { get; init; }
    public required string Kind { get; init; }
    public required string ToId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    public static string IdFor(string fromId, string kind, string toId) => $"{fromId}|{kind}|{toId}";
}

/// <summary>Two-way links: a record shows the links it made and the links made to it (INC-18, CHG-15).</summary>
public sealed class LinkStore(IDocumentStore store, Partitions partitions)
{
    private readonly RecordCollection<Link> _links = new(store, partitions.For("link"));

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("link-from", "link", new SortKey("fromId"), new SortKey("createdAt"));
        services.AddStorageIndex("link-to", "link", new SortKey("toId"), new SortKey("createdAt"));
    }

    /// <summary>Records the link; linking twice is harmless.</summary>
    public async Task AddAsync(string fromId, string kind, string toId, Actor actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var id = Link.IdFor(fromId, kind, toId);
        try
        {
            await _links.CreateAsync(id, new Link { Id = id, FromId = fromId, Kind = kind, ToId = toId, CreatedAt = at, CreatedBy = actor.Id }, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            // Already linked: links are a set.
        }
    }

    /// <summary>Every link from or to the record.</summary>
    public async Task<IReadOnlyList<Link>> OfAsync(string recordId, CancellationToken cancellationToken)
    {
        var result = new List<Link>();
        foreach (var path in new[] { "fromId", "toId" })
        {
            await foreach (var link in _links.QueryAllAsync(new DocumentQuery
            {
                Where = [new Eq(path, JsonValue.Create(recordId))],
                OrderBy = [new SortKey(path), new SortKey("createdAt")],
                PageSize = 200,
            }, cancellationToken))
            {
                result.Add(link.Value);
            }
        }

        return result;
    }
}
