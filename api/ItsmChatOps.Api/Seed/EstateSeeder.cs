using System.Text.Json;
using ItsmChatOps.Api.Changes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.ConfigurationItems;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Seed;

/// <summary>
/// Start-up data of configuration and change management. The CI types and change policies always get a version 1
/// from their defaults; the sample estate (CIs with their relationships) and the standard change templates of
/// Seed/seed.json are added when <c>Itsm:Seed:Enabled</c> is true. It runs after the <see cref="Seeder"/>, so the
/// people, groups and services the estate refers to exist; records that exist are left alone.
/// </summary>
public sealed class EstateSeeder(PolicyStore policies, CiStore cis, ChangeTemplateStore templates, TimeProvider time, IConfiguration configuration,
    ILogger<EstateSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await policies.EnsureAsync(PolicyKinds.CiTypes, CiTypeDefaults.Policy, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Change, ChangePolicyDefaults.Change, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.ChangeBlackouts, ChangePolicyDefaults.Blackouts, cancellationToken);
        if (configuration.GetValue("Itsm:Seed:Enabled", false))
        {
            await SampleEstateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SampleEstateAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(Seeder).Assembly.GetManifestResourceStream("ItsmChatOps.Api.Seed.seed.json")
            ?? throw new InvalidOperationException("The seed data is not embedded.");
        var seed = await JsonSerializer.DeserializeAsync<EstateFile>(stream, ItsmJson.Options, cancellationToken)
            ?? throw new InvalidOperationException("The seed data is empty.");
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var ci in seed.ConfigurationItems ?? [])
        {
            ci.CreatedAt = now;
            ci.CreatedBy = Actor.SystemId;
            ci.StateChangedAt = now;
            ci.RecordVersion(Actor.System, now, "CiRegistered", [RecordDocument.Change<CiState?>("state", null, ci.State)], null);
            foreach (var key in CiRules.KeysOf(ci.TypeId, ci.Name, ci.Version, ci.Marking))
            {
                await cis.ClaimAsync(key, ci.Id, cancellationToken);
            }

            added += await AddAsync(() => cis.CreateExactAsync(ci, cancellationToken));
        }

        foreach (var template in seed.ChangeTemplates ?? [])
        {
            template.CreatedAt = now;
            template.CreatedBy = Actor.SystemId;
            template.Raise(Actor.System, now, "RecordSeeded", EventVisibility.Internal);
            added += await AddAsync(() => templates.CreateAsync(template, cancellationToken));
        }

        if (added > 0)
        {
            logger.LogInformation("Seeded {Count} configuration items and change templates", added);
        }
    }

    private static async Task<int> AddAsync(Func<Task> create)
    {
        try
        {
            await create();
            return 1;
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            return 0; // seeded before: keep what is there, including later edits
        }
    }

    private sealed record EstateFile(List<ConfigurationItem>? ConfigurationItems, List<ChangeTemplate>? ChangeTemplates);
}
