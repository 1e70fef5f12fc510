using System.Text.Json;
using ItsmChatOps.Api.Audit;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Idempotency;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// Orchestrates incident operations: load, check visibility, apply a rule, write with the ETag read
/// (or the client's If-Match), and keep links and idempotency in step. The rules themselves live in
/// <see cref="IncidentRules"/>, <see cref="IncidentEdits"/>, <see cref="IncidentTransitions"/> and
/// <see cref="IncidentLifecycle"/>.
/// </summary>
public sealed class IncidentService(
    IncidentStore incidents,
    IncidentSettingsProvider settingsProvider,
    ServiceStore services,
    LinkStore links,
    IdempotencyStore idempotency,
    AccessLog accessLog,
    People.PeopleStore people,
    RelatedRecordFinder related,
    TimeProvider time)
{
    private const int MaxWriteAttempts = 5;

    public async Task<(Incident Incident, bool Created)> CreateAsync(CreateIncidentRequest request, Caller caller, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var service = request.ServiceId is null ? null : await services.GetAsync(request.ServiceId, cancellationToken);
        var reporter = request.ReporterId is { } reporterId && reporterId != caller.Id ? await people.GetAsync(reporterId, cancellationToken) : caller.Person;
        var settings = await settingsProvider.CurrentAsync(service ?? await UnknownTriageAsync(cancellationToken), reporter?.CustomerId, cancellationToken);
        IncidentRules.ValidateCreate(request, caller, service, settings, await CustomerServicesAsync(caller, cancellationToken));
        if (request.ReporterId is not null && reporter is null)
        {
            throw Problems.Unprocessable($"The caller '{request.ReporterId}' is not a known person.", "INC-02", "reporterId");
        }

        if (idempotencyKey is null)
        {
            return await CreateOrJoinAsync(request, caller, service!, settings, cancellationToken);
        }

        (Incident Incident, bool Created)? done = null;
        var (id, replayed) = await idempotency.RunOnceAsync(caller.Id, idempotencyKey, JsonSerializer.Serialize(request, ItsmJson.Options), async ct =>
        {
            done = await CreateOrJoinAsync(request, caller, service!, settings, ct);
            return done.Value.Incident.Id;
        }, cancellationToken);
        if (!replayed && done is { } fresh)
        {
            return fresh; // written by this request: no need to read it back
        }

        var result = await incidents.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Incident", id);
        return (result, true); // a replay answers as the first request did
    }

    /// <summary>Reads an incident the caller may see; 404 otherwise, so existence does not leak. Restricted reads are logged.</summary>
    public async Task<(Incident Incident, IncidentSettings Settings)> ReadAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var incident = await incidents.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Incident", id);
        var settings = await settingsProvider.ForAsync(incident, cancellationToken);
        var ownsService = (await services.GetAsync(incident.ServiceId, cancellationToken))?.OwnerId == caller.Id;
        if (!IncidentAccess.CanRead(caller, incident, settings, await CustomerServicesAsync(caller, cancellationToken), ownsService))
        {
            // Staff see restricted incidents listed (masked), so for them the refusal is explicit; others learn nothing.
            throw caller.IsStaff && IncidentAccess.IsRestricted(incident)
                ? Problems.Forbidden($"{id} is a security incident, visible only to its reporter and the security team.", "SEC-03")
                : Problems.NotFound("Incident", id);
        }

        if (IncidentAccess.IsRestricted(incident) && incident.ReporterId != caller.Id)
        {
            await accessLog.RecordReadAsync(incident.Id, caller.Actor, time.GetUtcNow(), cancellationToken);
        }

        return (incident, settings);
    }

    /// <summary>
    /// Applies a change and writes it. With the client's If-Match, a concurrent change is 412; without,
    /// the change is re-applied to the fresh version (for actions that do not depend on what the client saw).
    /// </summary>
    public async Task<T> ChangeAsync<T>(string id, Caller caller, string? ifMatch, Func<Incident, IncidentSettings, DateTimeOffset, Task<T>> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (incident, settings) = await ReadAsync(id, caller, cancellationToken);
            ETags.Require(ifMatch, incident.ETag, id);
            var now = time.GetUtcNow();
            var result = await apply(incident, settings, now);
            IncidentClock.ScheduleNextTimer(incident, settings, now);
            try
            {
                incident.ETag = (await incidents.ReplaceAsync(incident, cancellationToken)).ETag;
                return result;
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed && ifMatch is null && attempt < MaxWriteAttempts)
            {
                // Someone wrote between our read and write; apply the change again to their version.
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed)
            {
                throw Problems.StaleETag(id);
            }
        }
    }

    public Task<T> ChangeAsync<T>(string id, Caller caller, string? ifMatch, Func<Incident, IncidentSettings, DateTimeOffset, T> apply, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, ifMatch, (i, s, n) => Task.FromResult(apply(i, s, n)), cancellationToken);

    /// <summary>A change made by the system itself (timers, deliveries reported by the bot, monitoring clear events): no reader visibility applies.</summary>
    public async Task<Incident> ChangeAsSystemAsync(string id, Action<Incident, IncidentSettings, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var incident = await incidents.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Incident", id);
            var settings = await settingsProvider.ForAsync(incident, cancellationToken);
            var now = time.GetUtcNow();
            apply(incident, settings, now);
            IncidentClock.ScheduleNextTimer(incident, settings, now);
            try
            {
                incident.ETag = (await incidents.ReplaceAsync(incident, cancellationToken)).ETag;
                return incident;
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed && attempt < MaxWriteAttempts)
            {
                // A concurrent change won; apply again to the fresh version.
            }
        }
    }

    public Task<string?> IncidentForDedupeKeyAsync(string key, CancellationToken cancellationToken) =>
        incidents.IncidentForDedupeKeyAsync(key, cancellationToken);

    /// <summary>Creates a follow-up incident (a recurrence) from an existing one, bypassing create-time validation of the copied fields.</summary>
    public async Task<Incident> CreateRecurrenceAsync(Incident original, string? description, Caller caller, CancellationToken cancellationToken)
    {
        var service = await services.GetAsync(original.ServiceId, cancellationToken) ?? throw Problems.NotFound("Service", original.ServiceId);
        var settings = await settingsProvider.CurrentAsync(service, (await people.GetAsync(original.ReporterId, cancellationToken))?.CustomerId, cancellationToken);
        var request = new CreateIncidentRequest
        {
            Summary = original.Summary.StartsWith("Recurrence: ", StringComparison.Ordinal) ? original.Summary : $"Recurrence: {original.Summary}",
            Description = description ?? original.Description,
            ServiceId = original.ServiceId,
            Impact = original.Impact,
            Urgency = original.Urgency,
            Category = original.Category,
            CiIds = original.CiIds,
            Security = original.Security,
            ReporterId = original.ReporterId == caller.Id ? null : original.ReporterId,
            Source = original.ReporterId == caller.Id ? null : IncidentSource.Phone,
        };
        var now = time.GetUtcNow();
        var incident = IncidentRules.Create(await incidents.NextIdAsync(cancellationToken), request, caller, service, settings, now);
        incident.PossiblyRelated = await related.FindAsync(incident.ServiceId, incident.CiIds, now, cancellationToken);
        incident.Links.Add(new IncidentLink(IncidentLinkKind.RecurrenceOf, original.Id));
        incident.Raise(caller.Actor, now, "IncidentLinked", Client.Events.EventVisibility.Public,
            [Records.RecordDocument.Change<string?>("recurrenceOf", null, original.Id)]);
        var created = await incidents.CreateAsync(incident, cancellationToken);
        await AddLinkAsync(created, IncidentLinkKind.RecurrenceOf, original.Id, caller.Actor, cancellationToken);
        return created;
    }

    public async Task AddLinkAsync(Incident incident, IncidentLinkKind kind, string targetId, Actor actor, CancellationToken cancellationToken) =>
        await links.AddAsync(incident.Id, kind.ToString(), targetId, actor, time.GetUtcNow(), cancellationToken);

    public async Task<IReadOnlyCollection<string>> CustomerServicesAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.IsCustomerUser ? await services.ServiceIdsOfCustomerAsync(caller.Person.CustomerId!, cancellationToken) : [];

    private async Task<Service> UnknownTriageAsync(CancellationToken cancellationToken) =>
        await services.GetAsync(Service.UnknownTriageId, cancellationToken)
        ?? throw new InvalidOperationException($"The built-in service '{Service.UnknownTriageId}' is missing from the catalogue.");

    private async Task<(Incident Incident, bool Created)> CreateOrJoinAsync(CreateIncidentRequest request, Caller caller, Service service, IncidentSettings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var possiblyRelated = await related.FindAsync(service.Id, request.CiIds?.Distinct().ToList() ?? [], now, cancellationToken);
        Incident Build(string id)
        {
            var incident = IncidentRules.Create(id, request, caller, service, settings, now);
            incident.PossiblyRelated = possiblyRelated;
            return incident;
        }

        if (request.DedupeKey is not { } key || !caller.IsMonitoring)
        {
            return (await incidents.CreateNumberedAsync(Build, cancellationToken), true);
        }

        // A monitoring alert claims its dedupe key with the number it would take, before the incident exists (INC-02).
        var id = await incidents.NextIdAsync(cancellationToken);
        var existing = await incidents.ClaimDedupeKeyAsync(key, id,
            async other => (await incidents.GetAsync(other, cancellationToken))?.Open ?? false, cancellationToken);
        if (existing is not null)
        {
            var joined = await ChangeAsync(existing, caller, null, (incident, _, at) =>
            {
                IncidentRules.RecordOccurrence(incident, at);
                return incident;
            }, cancellationToken);
            return (joined, false);
        }

        return (await incidents.CreateAsync(Build(id), cancellationToken), true);
    }
}
