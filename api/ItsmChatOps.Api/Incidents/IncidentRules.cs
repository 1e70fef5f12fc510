using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;

namespace ItsmChatOps.Api.Incidents;

/// <summary>The rules of raising and classifying an incident (INC-01 … INC-04, INC-16, SLM-01, SLM-05, SLM-06, SEC-03), as plain code.</summary>
public static class IncidentRules
{
    private static readonly IncidentSource[] AgentSources =
        [IncidentSource.Phone, IncidentSource.Voicemail, IncidentSource.Visit, IncidentSource.Letter, IncidentSource.Fax, IncidentSource.Email];

    /// <summary>Checks a create request before a number is taken; returns the service it names.</summary>
    public static void ValidateCreate(CreateIncidentRequest request, Caller caller, Service? service, IncidentSettings settings, IReadOnlyCollection<string> customerServiceIds)
    {
        if (request.Priority is not null)
        {
            throw Problems.Unprocessable("Priority is computed from impact and urgency and cannot be set.", "SLM-05", "priority");
        }

        var errors = new Dictionary<string, string[]>();
        if (service is null)
        {
            errors["serviceId"] = [$"Service '{request.ServiceId}' is not in the catalogue; use '{Service.UnknownTriageId}' if unsure."];
        }
        else if (service.Status != ServiceStatus.Live && service.Id != Service.UnknownTriageId)
        {
            errors["serviceId"] = [$"Service '{service.Name}' is {service.Status}; incidents must name a Live service (SLM-01)."];
        }

        if (request.Category is { } category && !settings.Categories.Contains(category))
        {
            errors["category"] = [$"'{category}' is not in the category tree (INC-04)."];
        }

        if (request.CiIds?.FirstOrDefault(id => !id.StartsWith("CI-", StringComparison.Ordinal)) is { } badCi)
        {
            errors["ciIds"] = [$"'{badCi}' is not a configuration item id (CI-nnnnnn)."];
        }

        if (caller.IsMonitoring && string.IsNullOrWhiteSpace(request.DedupeKey))
        {
            errors["dedupeKey"] = ["Monitoring alerts need a dedupe key (INC-02)."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "INC-01", "SLM-01");
        }

        if (request.ReporterId is { } reporter && reporter != caller.Id && !IncidentAccess.IsServiceDesk(caller))
        {
            throw Problems.Forbidden("Only the service desk can log an incident for someone else.", "INC-02");
        }

        if (request.Source is { } source && (source == IncidentSource.Monitoring) != caller.IsMonitoring)
        {
            throw Problems.Forbidden("Only a monitoring service principal raises monitoring incidents.", "INC-02");
        }

        if (caller.IsCustomerUser && service!.Id != Service.UnknownTriageId && !customerServiceIds.Contains(service.Id))
        {
            throw Problems.Forbidden("You can raise incidents only on your organization's services.", "SEC-01");
        }
    }

    public static Incident Create(string id, CreateIncidentRequest request, Caller caller, Service service, IncidentSettings settings, DateTimeOffset now)
    {
        var impact = request.Impact!.Value;
        var urgency = request.Urgency!.Value;
        var priority = settings.Matrix.PriorityFor(impact, urgency);
        var loggedForCaller = request.ReporterId is { } r && r != caller.Id;
        var category = request.Category is null ? null : settings.Categories.Canonical(request.Category);
        var incident = new Incident
        {
            Id = id,
            Summary = request.Summary!.Trim(),
            Description = request.Description,
            State = IncidentState.New,
            ServiceId = service.Id,
            Category = category,
            Impact = impact,
            Urgency = urgency,
            Priority = priority,
            ReporterId = loggedForCaller ? request.ReporterId! : caller.Id,
            LoggedById = loggedForCaller ? caller.Id : null,
            Source = request.Source ?? (caller.IsMonitoring ? IncidentSource.Monitoring
                : loggedForCaller ? IncidentSource.Phone
                : caller.Actor.Channel is Channel.Teams or Channel.Slack or Channel.WebChat ? IncidentSource.Chat : IncidentSource.Api),
            Channel = caller.Actor.Channel,
            ChatMessage = request.ChatMessage,
            OwnerGroupId = "grp-servicedesk",
            CiIds = request.CiIds?.Distinct().ToList() ?? [],
            Location = request.Location,
            BusinessArea = request.BusinessArea,
            SymptomCode = request.SymptomCode,
            Security = request.Security ?? false,
            DedupeKey = request.DedupeKey,
            Occurrences = request.DedupeKey is null ? 0 : 1,
            LastSeenAt = request.DedupeKey is null ? null : now,
            Sla = settings.Snapshot(priority),
            CreatedAt = now,
            CreatedBy = caller.Id,
        };
        if (loggedForCaller && !AgentSources.Contains(incident.Source))
        {
            throw Problems.Unprocessable($"An agent logging for a caller names how they made contact: {string.Join(", ", AgentSources)}.", "INC-02", "source");
        }

        if (priority == Priority.P1 && settings.Sla is { } sla)
        {
            AddSlaContacts(incident, sla); // SLM-13: from the start on a covered service
        }

        incident.SuggestedGroupId = SuggestGroup(incident, settings);
        IncidentClock.StampDueTimes(incident, settings, now);
        IncidentClock.ScheduleNextTimer(incident, settings, now);

        var notify = new List<string>();
        if (loggedForCaller)
        {
            notify.Add(incident.ReporterId); // the caller gets a confirmation (INC-02 b)
        }

        if (IncidentAccess.IsRestricted(incident))
        {
            notify.Add(Notify.Role(ItsmRole.SecurityManager)); // SEC-03: told at once
        }

        notify.AddRange(incident.WatcherIds);

        incident.Raise(caller.Actor, now, "IncidentCreated", EventVisibility.Public, notify: notify, data: new JsonObject
        {
            ["priority"] = priority.ToString(),
            ["responseDue"] = Client.UtcTimestampConverter.Text(incident.ResponseDue!.Value),
            ["resolutionDue"] = Client.UtcTimestampConverter.Text(incident.ResolutionDue!.Value),
            ["source"] = incident.Source.ToString(),
            ["security"] = incident.Security,
        });

        if (settings.Rules.EscalateToIncidentManagerAtCreation.Contains(priority))
        {
            incident.EscalationLevel = 1;
            incident.Raise(Actor.System, now, "IncidentEscalated", EventVisibility.Internal,
                [RecordDocument.Change("escalationLevel", 0, 1)], [Notify.Role(ItsmRole.IncidentManager)],
                new JsonObject { ["kind"] = nameof(EscalationKind.Hierarchical), ["level"] = 1, ["reason"] = $"{priority} incidents go to the incident manager at once (INC-16)." });
        }

        return incident;
    }

    /// <summary>
    /// SLM-13: the SLA's emergency contacts and escalation path for the incident's priority follow a P1 or a major
    /// incident as watchers; returns the ones added now.
    /// </summary>
    public static IReadOnlyList<string> AddSlaContacts(Incident incident, ServiceLevels.ServiceLevelAgreement sla)
    {
        var added = sla.ContactsFor(incident.Priority).Where(c => c != incident.ReporterId && !incident.WatcherIds.Contains(c)).ToList();
        incident.WatcherIds.AddRange(added);
        incident.RefreshDerived();
        return added;
    }

    /// <summary>Routing rules by category prefix and/or service suggest the resolver group (INC-08); security incidents go to the security group.</summary>
    public static string? SuggestGroup(Incident incident, IncidentSettings settings)
    {
        if (IncidentAccess.IsRestricted(incident))
        {
            return settings.Rules.SecurityGroupId;
        }

        return settings.Rules.Routing.FirstOrDefault(rule =>
                (rule.CategoryPrefix is null || (incident.Category?.StartsWith(rule.CategoryPrefix, StringComparison.OrdinalIgnoreCase) ?? false))
                && (rule.ServiceId is null || rule.ServiceId == incident.ServiceId)
                && (rule.CategoryPrefix is not null || rule.ServiceId is not null))?.GroupId;
    }

    /// <summary>Another alert for an open incident with the same key adds an occurrence instead of a record (INC-02 a).</summary>
    public static void RecordOccurrence(Incident incident, DateTimeOffset now)
    {
        incident.Occurrences++;
        incident.LastSeenAt = now;
        incident.Raise(Actor.System, now, "IncidentOccurrenceRecorded", EventVisibility.Internal,
            [RecordDocument.Change("occurrences", incident.Occurrences - 1, incident.Occurrences)]);
    }
}
