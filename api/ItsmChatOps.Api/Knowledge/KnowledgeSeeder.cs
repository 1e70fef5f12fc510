using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.ProblemManagement;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>
/// Start-up data of the knowledge base and problem management: their policies always get a version 1;
/// with <c>Itsm:Seed:Enabled</c> the sample knowledge base (Seed/knowledge.json) is published under its
/// fixed ids, and the numbering continues after them. Items that exist are left alone.
/// </summary>
public sealed class KnowledgeSeeder(PolicyStore policies, KnowledgeStore store, IDocumentStore documents, Records.Partitions partitions,
    TimeProvider time, IConfiguration configuration, ILogger<KnowledgeSeeder> logger) : IHostedService
{
    public const string SeedOwner = "kate";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await policies.EnsureAsync(KnowledgeService.PolicyKind, new KnowledgePolicy(), cancellationToken);
        await policies.EnsureAsync(ProblemPolicy.Kind, new ProblemPolicy(), cancellationToken);
        if (configuration.GetValue("Itsm:Seed:Enabled", false))
        {
            await SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The sample knowledge base, as shipped.</summary>
    public static async Task<List<SeedItem>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = typeof(KnowledgeSeeder).Assembly.GetManifestResourceStream("ItsmChatOps.Api.Seed.knowledge.json")
            ?? throw new InvalidOperationException("The sample knowledge base is not embedded.");
        return (await JsonSerializer.DeserializeAsync<SeedFile>(stream, ItsmJson.Options, cancellationToken))?.Items
            ?? throw new InvalidOperationException("The sample knowledge base is empty.");
    }

    public static KnowledgeItem ToItem(SeedItem seed, DateTimeOffset now, KnowledgePolicy policy)
    {
        var item = KnowledgeRules.Create(seed.Id, seed.Kind, new KnowledgeContent
        {
            Title = seed.Title,
            Body = seed.Body,
            Audience = seed.Audience,
            Symptoms = seed.Symptoms,
            ServiceIds = seed.ServiceIds ?? [],
            CiIds = seed.CiIds ?? [],
            Steps = seed.Steps ?? [],
            Specialist = seed.Specialist,
        }, SeedOwner, Actor.System, now);
        KnowledgeRules.Publish(item, Actor.System, policy, now);
        return item;
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var seeds = await LoadAsync(cancellationToken);
        var policy = (await policies.CurrentAsync<KnowledgePolicy>(KnowledgeService.PolicyKind, cancellationToken)).Body;
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var seed in seeds)
        {
            try
            {
                await store.Items.CreateAsync(ToItem(seed, now, policy), cancellationToken);
                added++;
            }
            catch (StoreException ex) when (ex.Error == StoreError.Conflict)
            {
                logger.LogDebug("Sample knowledge item {Id} exists; kept as it is", seed.Id);
            }
        }

        if (added > 0)
        {
            // New items are numbered after the sample ones.
            var highest = seeds.Max(s => int.Parse(s.Id[3..], System.Globalization.CultureInfo.InvariantCulture));
            long number;
            do
            {
                number = await documents.IncrementCounterAsync(partitions.For("counter"), KnowledgeItem.Type, cancellationToken);
            }
            while (number < highest);

            logger.LogInformation("Seeded {Count} sample knowledge items", added);
        }
    }

    public sealed record SeedItem(string Id, KnowledgeKind Kind, KnowledgeAudience Audience, string Title, string Body, string? Symptoms,
        List<string>? ServiceIds, List<string>? CiIds, List<string>? Steps, Specialist? Specialist);

    private sealed record SeedFile(List<SeedItem> Items);
}
