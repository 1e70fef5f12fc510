using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Seed;

/// <summary>
/// Start-up data. Policies always get a version 1 from their defaults (the rules need them). Sample
/// people, groups, customers and services (Seed/seed.json) are added when <c>Itsm:Seed:Enabled</c> is
/// true, so the product is explorable at once; records that exist are left alone. It runs as the app
/// starts, after the store is ready and before requests are served.
/// </summary>
public sealed class Seeder(PolicyStore policies, PeopleStore people, ServiceStore services, TimeProvider time, IConfiguration configuration, ILogger<Seeder> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await policies.EnsureAsync(PolicyKinds.Matrix, PolicyDefaults.Matrix, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Targets, PolicyDefaults.Targets, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Incident, PolicyDefaults.Incident, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Categories, PolicyDefaults.Categories, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Intake, Incidents.Intake.IntakePolicy.Default, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Survey, new Surveys.SurveyPolicy(), cancellationToken);
        await policies.EnsureAsync(MajorIncidents.MajorIncidentPolicy.Kind, new MajorIncidents.MajorIncidentPolicy(), cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Calendar("office-hours"), PolicyDefaults.OfficeHours, cancellationToken);
        await policies.EnsureAsync(PolicyKinds.Calendar("24x7"), PolicyDefaults.AroundTheClock, cancellationToken);
        if (configuration.GetValue("Itsm:Seed:Enabled", false))
        {
            await SampleDataAsync(cancellationToken);
        }
    }

    private async Task SampleDataAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(Seeder).Assembly.GetManifestResourceStream("ItsmChatOps.Api.Seed.seed.json")
            ?? throw new InvalidOperationException("The seed data is not embedded.");
        var seed = await JsonSerializer.DeserializeAsync<SeedFile>(stream, ItsmJson.Options, cancellationToken)
            ?? throw new InvalidOperationException("The seed data is empty.");
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var group in seed.Groups)
        {
            added += await AddAsync(() => people.CreateGroupAsync(Stamp(group, now), cancellationToken));
        }

        foreach (var customer in seed.Customers)
        {
            added += await AddAsync(() => people.CreateCustomerAsync(Stamp(customer, now), cancellationToken));
        }

        foreach (var person in seed.People)
        {
            added += await AddAsync(() => people.CreateAsync(Stamp(person, now), cancellationToken));
        }

        foreach (var service in seed.Services)
        {
            added += await AddAsync(() => services.CreateAsync(Stamp(service, now), cancellationToken));
        }

        if (added > 0)
        {
            logger.LogInformation("Seeded {Count} sample records", added);
        }
    }

    private static T Stamp<T>(T record, DateTimeOffset now) where T : RecordDocument
    {
        record.CreatedAt = now;
        record.CreatedBy = Actor.SystemId;
        record.Raise(Actor.System, now, "RecordSeeded", EventVisibility.Internal);
        return record;
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

    private sealed record SeedFile(List<Person> People, List<Group> Groups, List<Customer> Customers, List<Service> Services);
}
