using System.Collections.Concurrent;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Benchmarks.Data;

/// <summary>
/// A service desk's incident history, written in-process: every incident is raised, assigned, taken,
/// put on hold, resolved, confirmed or cancelled by the API's own rules (<see cref="IncidentRules"/>,
/// <see cref="IncidentTransitions"/>, <see cref="IncidentLifecycle"/>) as the seed data's people, then
/// stored once through <see cref="IncidentStore"/>, so the documents have exactly the shape the API writes.
/// Incidents arrive at a steady rate going back from <see cref="End"/>; most are closed within days and
/// a few wait weeks on a supplier, so the open queues stay about the same size however long the history.
/// Growing the history adds older incidents.
/// </summary>
public sealed class IncidentHistory
{
    private static readonly TimeSpan Arrival = TimeSpan.FromMinutes(10);
    private static readonly string[] Reporters = ["dave", "ellen", "oscar"];
    private const string Agent = Hosting.ApiClients.Agent;

    private readonly IncidentStore _store;
    private readonly IReadOnlyDictionary<string, IncidentSettings> _settings;
    private readonly IReadOnlyDictionary<string, Service> _services;
    private readonly IReadOnlyDictionary<string, (Group Group, Caller[] Members)> _groups;
    private readonly IReadOnlyDictionary<string, Caller> _people;
    private readonly ConcurrentDictionary<string, int> _openByGroup = new();

    private IncidentHistory(IncidentStore store, IReadOnlyDictionary<string, IncidentSettings> settings, IReadOnlyDictionary<string, Service> services,
        IReadOnlyDictionary<string, (Group, Caller[])> groups, IReadOnlyDictionary<string, Caller> people, DateTimeOffset end)
    {
        (_store, _settings, _services, _groups, _people, End) = (store, settings, services, groups, people, end);
    }

    public DateTimeOffset End { get; }

    public int Count { get; private set; }

    /// <summary>Open incidents per resolver group, as generated.</summary>
    public IReadOnlyDictionary<string, int> OpenByGroup => _openByGroup;

    public static async Task<IncidentHistory> ForAsync(IServiceProvider services, DateTimeOffset end)
    {
        var people = services.GetRequiredService<PeopleStore>();
        var catalogue = services.GetRequiredService<ServiceStore>();
        var groups = new Dictionary<string, (Group, Caller[])>();
        foreach (var group in await people.ListGroupsAsync())
        {
            groups[group.Id] = (group, (await people.MembersOfAsync(group.Id)).Select(Caller).ToArray());
        }

        var callers = new Dictionary<string, Caller>();
        foreach (var id in Reporters.Append(Agent))
        {
            callers[id] = Caller(await people.GetAsync(id) ?? throw new InvalidOperationException($"Seed person '{id}' is missing."));
        }

        var live = (await catalogue.AllAsync()).ToDictionary(s => s.Id);
        var provider = services.GetRequiredService<IncidentSettingsProvider>();
        var settings = new Dictionary<string, IncidentSettings>();
        foreach (var service in live.Values)
        {
            settings[service.Id] = await provider.CurrentAsync(service, null, CancellationToken.None);
        }

        return new IncidentHistory(services.GetRequiredService<IncidentStore>(), settings, live, groups, callers, end);
    }

    /// <summary>Adds older incidents until the history holds <paramref name="total"/>.</summary>
    public async Task GrowToAsync(int total, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForAsync(Count, total, options, async (index, ct) =>
        {
            var incident = Live(await _store.NextIdAsync(ct), index);
            await _store.CreateAsync(incident, ct);
            if (incident.Open && incident.GroupId is { } group)
            {
                _openByGroup.AddOrUpdate(group, 1, (_, n) => n + 1);
            }
        });
        Count = total;
    }

    /// <summary>The life of the incident that arrived <paramref name="index"/> arrivals before the end, up to the end.</summary>
    private Incident Live(string id, int index)
    {
        var random = new Random(index);
        var raisedAt = End - Arrival * (index + 1);
        var age = End - raisedAt;
        var request = IncidentSamples.Request(index);
        var reporter = _people[Reporters[random.Next(Reporters.Length)]];
        var agent = _people[Agent];
        var service = _services[request.ServiceId!];
        var settings = _settings[service.Id];
        IncidentRules.ValidateCreate(request, reporter, service, settings, []);
        var incident = IncidentRules.Create(id, request, reporter, service, settings, raisedAt);

        if (random.NextDouble() < 0.03)
        {
            Move(incident, agent, new() { To = IncidentState.Cancelled, CancelReason = CancelReason.LoggedInError, Reason = "Logged twice by mistake." }, service, raisedAt + TimeSpan.FromMinutes(10), age);
            return incident;
        }

        var (group, members) = _groups[incident.SuggestedGroupId ?? (service.Id == "svc-crm" ? "grp-business-apps" : "grp-desktop")];
        var assignedAt = raisedAt + TimeSpan.FromMinutes(15);
        if (!Move(incident, agent, new() { To = IncidentState.Assigned, GroupId = group.Id }, service, assignedAt, age, group))
        {
            return incident;
        }

        var waitsOnSupplier = random.NextDouble() < 0.03;
        var resolvedAfter = TimeSpan.FromDays(-Math.Log(1 - random.NextDouble()) * (waitsOnSupplier ? 60 : 5)) + TimeSpan.FromHours(2);
        var stillOpen = resolvedAfter > age;
        if (stillOpen && random.NextDouble() < 0.25)
        {
            return incident; // waiting in the group's queue
        }

        var worker = members[random.Next(members.Length)];
        var takenAt = assignedAt + TimeSpan.FromMinutes(random.Next(5, 180));
        if (!Move(incident, worker, new() { To = IncidentState.InProgress }, service, takenAt, age))
        {
            return incident;
        }

        if (waitsOnSupplier)
        {
            Move(incident, worker, new() { To = IncidentState.OnHold, HoldReason = HoldReason.AwaitingSupplier, Reason = "Vendor case opened." }, service, takenAt + TimeSpan.FromHours(1), age);
        }

        var resolvedAt = raisedAt + resolvedAfter;
        if (!Move(incident, worker, Resolution(incident, resolvedAt, random), service, resolvedAt, age))
        {
            return incident;
        }

        var closedAt = resolvedAt + TimeSpan.FromHours(random.Next(1, 48));
        if (closedAt - raisedAt < age)
        {
            if (random.NextDouble() < 0.8)
            {
                IncidentLifecycle.Confirm(incident, new ConfirmResolutionRequest(true, null), _people[incident.ReporterId], settings, closedAt);
                IncidentClock.ScheduleNextTimer(incident, settings, closedAt);
            }
            else
            {
                Move(incident, agent, new() { To = IncidentState.Closed, Note = "The reporter confirmed the fix by phone." }, service, closedAt, age);
            }
        }

        return incident;
    }

    /// <summary>Applies a transition when it happened before the end of the history; false when it lies in the future.</summary>
    private bool Move(Incident incident, Caller caller, TransitionIncidentRequest request, Service service, DateTimeOffset at, TimeSpan age, Group? group = null)
    {
        if (at - incident.CreatedAt >= age)
        {
            return false;
        }

        IncidentTransitions.Apply(incident, request, caller, _settings[incident.ServiceId], new TransitionInputs(group, false, service), at);
        return true;
    }

    private TransitionIncidentRequest Resolution(Incident incident, DateTimeOffset at, Random random)
    {
        var breached = incident.ResponseBreached || incident.ResolutionDue < at;
        var rules = _settings[incident.ServiceId].Rules;
        return new()
        {
            To = IncidentState.Resolved,
            Resolution = new()
            {
                Code = "Fixed",
                Notes = "Cleared the cached credentials and re-registered the device with the service.",
                CauseCategory = rules.CauseCategories[random.Next(rules.CauseCategories.Count)],
            },
            BreachCause = breached ? rules.BreachCauses[random.Next(rules.BreachCauses.Count)] : null,
            BreachNote = breached ? "Queue was short-staffed during the holiday week." : null,
        };
    }

    private static Caller Caller(Person person) => new()
    {
        Person = person,
        Roles = person.Roles.ToHashSet(),
        Actor = new Actor(person.Id, null, "service:itsm-bot", Channel.Teams),
    };
}
