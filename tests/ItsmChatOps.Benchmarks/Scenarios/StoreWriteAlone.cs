using System.Text.Json.Nodes;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Benchmarks.Load;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Benchmarks.Scenarios;

/// <summary>
/// The durable write of a create and nothing else: stored incident bodies written again, each with the next number,
/// through the host's own document store. The partition belongs to a tenant no worker reads, but ends in
/// <c>|incident</c>, so every write maintains the same indexes as an incident's.
/// </summary>
public static class StoreWriteAlone
{
    private const string Tenant = "store-benchmark";

    public static async Task<Measurement> RunAsync(IServiceProvider services, IReadOnlyList<string> incidentIds, LoadProfile profile)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var source = services.GetRequiredService<ItsmChatOps.Api.Records.Partitions>().For("incident");
        var bodies = new List<string>();
        foreach (var id in incidentIds.Take(500))
        {
            var stored = await store.ReadAsync(source, id) ?? throw new InvalidOperationException($"{id} was not stored.");
            bodies.Add(stored.Body.ToJsonString());
        }

        return await LoadRunner.RunAsync("incident write alone  embedded store, no HTTP", profile, (n, ct) =>
            store.CreateNumberedAsync($"{Tenant}|counter", "incident", $"{Tenant}|incident",
                number => ($"INC-{number:D6}", (JsonObject)JsonNode.Parse(bodies[(int)(n % bodies.Count)])!), ct));
    }
}
