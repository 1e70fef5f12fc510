using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.ServiceCatalog;

/// <summary>The service catalogue. It is small and read on every incident write, so it is cached briefly.</summary>
public sealed class ServiceStore(IDocumentStore store, Partitions partitions, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly RecordCollection<Service> _services = new(store, partitions.For(Service.Type));
    private (IReadOnlyList<Service> All, DateTimeOffset Until)? _cache;

    /// <summary>The catalogue is read in name order; Cosmos DB serves that order only from a declared composite index.</summary>
    public static void DeclareIndexes(IServiceCollection services) =>
        services.AddStorageIndex("service-name", Service.Type, new SortKey("name"));

    public async Task<IReadOnlyList<Service>> AllAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cache is { } hit && hit.Until > now)
        {
            return hit.All;
        }

        var all = new List<Service>();
        await foreach (var item in _services.QueryAllAsync(new DocumentQuery { OrderBy = [new SortKey("name")], PageSize = 500 }, cancellationToken))
        {
            all.Add(item.Value);
        }

        _cache = (all, now + CacheFor);
        return all;
    }

    public async Task<Service?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(s => s.Id == id);

    public async Task<Service> CreateAsync(Service service, CancellationToken cancellationToken = default)
    {
        var stored = await _services.CreateAsync(service.Id, service, cancellationToken);
        _cache = null;
        return stored.Value;
    }

    public async Task<Service> ReplaceAsync(Service service, string ifMatch, CancellationToken cancellationToken = default)
    {
        var stored = await _services.ReplaceAsync(service.Id, service, ifMatch, cancellationToken);
        _cache = null;
        return stored.Value;
    }

    /// <summary>The services a customer's people may see records of (SEC-01, RPT-10).</summary>
    public async Task<IReadOnlyList<string>> ServiceIdsOfCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).Where(s => s.CustomerIds.Contains(customerId)).Select(s => s.Id).ToList();
}
