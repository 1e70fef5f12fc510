using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Reporting;

/// <summary>One day's at-risk list for one group; its event is what the bot posts to the group's channel (RPT-03).</summary>
public sealed class DigestDocument : RecordDocument
{
    public const string Type = "digest";

    public override string RecordType => Type;

    public required string GroupId { get; init; }
    public required DateOnly Day { get; init; }
}

/// <summary>
/// The daily at-risk digest (RPT-03): on working days at the configured local time, each resolver group
/// with records at risk gets the list in its channel. One digest per group per day, however many API
/// instances run: the digest document's id is the day and the group, and it is created only once.
/// </summary>
public sealed class AtRiskDigest(IDocumentStore store, Partitions partitions, AtRiskView view, PeopleStore people, PolicyStore policies,
    IncidentSettingsProvider settingsProvider, EventRelaySignal relay, TimeProvider time, ILogger<AtRiskDigest> logger) : BackgroundService
{
    private readonly RecordCollection<DigestDocument> _digests = new(store, partitions.For(DigestDocument.Type));

    /// <summary>Sends today's digests if it is time and they are not sent; returns how many were sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var rules = await settingsProvider.RulesAsync(cancellationToken);
        var (calendar, _) = await policies.CurrentAsync<CalendarPolicy>(PolicyKinds.Calendar("office-hours"), cancellationToken);
        var now = time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone));
        var day = DateOnly.FromDateTime(local.DateTime);
        if (rules.AtRiskDigestAt is not { } at || TimeOnly.FromDateTime(local.DateTime) < at
            || calendar.Holidays.Contains(day) || calendar.Week.All(w => w.Day != day.DayOfWeek))
        {
            return 0;
        }

        var sent = 0;
        foreach (var group in (await people.ListGroupsAsync(cancellationToken)).Where(g => g.Kind is GroupKind.Resolver or GroupKind.ServiceDesk or GroupKind.Security))
        {
            var id = $"DIGEST-{day:yyyyMMdd}-{group.Id}";
            if (await _digests.GetAsync(id, cancellationToken) is not null)
            {
                continue;
            }

            var items = await view.ListAsync(group.Id, null, cancellationToken);
            var digest = new DigestDocument { Id = id, GroupId = group.Id, Day = day, CreatedAt = now, CreatedBy = Actor.SystemId };
            digest.Raise(Actor.System, now, "AtRiskDigest", EventVisibility.Internal, notify: items.Count > 0 ? [$"group:{group.Id}"] : [],
                data: new JsonObject { ["groupId"] = group.Id, ["items"] = JsonSerializer.SerializeToNode(items, ItsmJson.Options) });
            try
            {
                await _digests.CreateAsync(id, digest, cancellationToken);
                relay.Nudge();
                sent += items.Count > 0 ? 1 : 0;
            }
            catch (StoreException ex) when (ex.Error == StoreError.Conflict)
            {
                // Another instance sent it first.
            }
        }

        return sent;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(RunAsync, (delay, ct) => Task.Delay(delay, time, ct), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), logger, "The at-risk digest", stoppingToken);
}
