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

/// <summary>Rules for changing an incident other than moving its state (INC-03, INC-04, INC-07, INC-10, INC-12, INC-13, INC-16, SEC-03).</summary>
public static class IncidentEdits
{
    public static void Update(Incident incident, UpdateIncidentRequest request, Caller caller, Service? newService, IncidentSettings settings, DateTimeOffset now)
    {
        RequireNotTerminal(incident);
        var isWorker = IncidentAccess.CanWork(caller, incident);
        var touchesStaffFields = request.Category is not null || request.ServiceId is not null || request.Security is not null
            || request.Location is not null || request.BusinessArea is not null || request.SymptomCode is not null;
        if (!isWorker && (touchesStaffFields || incident.ReporterId != caller.Id))
        {
            throw Problems.Forbidden("Only the reporter (summary and description) or those working the incident can edit it.", "SEC-01");
        }

        var changes = new List<FieldChange>();
        void Set<T>(string field, T current, T? value, Action<T> apply)
        {
            if (value is not null && !EqualityComparer<T>.Default.Equals(current, value))
            {
                changes.Add(RecordDocument.Change(field, current, value));
                apply(value);
            }
        }

        if (request.Category is { } category)
        {
            category = settings.Categories.Canonical(category)
                ?? throw Problems.Unprocessable($"'{category}' is not in the category tree.", "INC-04", "category");
            Set("category", incident.Category, category, v => incident.Category = v);
        }

        if (request.ServiceId is not null)
        {
            if (newService is null || (newService.Status != ServiceStatus.Live && newService.Id != Service.UnknownTriageId))
            {
                throw Problems.Unprocessable($"Service '{request.ServiceId}' is not a Live catalogue service.", "SLM-01", "serviceId");
            }

            Set("serviceId", incident.ServiceId, newService.Id, v => incident.ServiceId = v);
        }

        Set("summary", incident.Summary, request.Summary?.Trim(), v => incident.Summary = v);
        Set("description", incident.Description, request.Description, v => incident.Description = v);
        Set("location", incident.Location, request.Location, v => incident.Location = v);
        Set("businessArea", incident.BusinessArea, request.BusinessArea, v => incident.BusinessArea = v);
        Set("symptomCode", incident.SymptomCode, request.SymptomCode, v => incident.SymptomCode = v);
        var wasRestricted = IncidentAccess.IsRestricted(incident);
        if (request.Security is { } security && security != incident.Security)
        {
            changes.Add(RecordDocument.Change("security", incident.Security, security));
            incident.Security = security;
        }

        if (changes.Count == 0)
        {
            return;
        }

        incident.SuggestedGroupId = IncidentRules.SuggestGroup(incident, settings);
        incident.Raise(caller.Actor, now, "IncidentUpdated", EventVisibility.Internal, changes);
        if (wasRestricted != IncidentAccess.IsRestricted(incident))
        {
            incident.Raise(caller.Actor, now, "SecurityFlagChanged", EventVisibility.Internal,
                [RecordDocument.Change("restricted", wasRestricted, !wasRestricted)], [Notify.Role(ItsmRole.SecurityManager)]);
        }
    }

    /// <summary>
    /// INC-03: impact/urgency with a reason; only the incident manager overrides the matrix; due times recomputed from the
    /// open time. A major incident manager may change impact and urgency of its incidents (MAJ-04).
    /// </summary>
    public static void Reprioritize(Incident incident, ReprioritizeIncidentRequest request, Caller caller, IncidentSettings settings, DateTimeOffset now,
        bool majorIncidentManager = false)
    {
        RequireNotTerminal(incident);
        if (!(IncidentAccess.IsServiceDesk(caller) || IncidentAccess.IsIncidentManager(caller) || IncidentAccess.IsAssignee(caller, incident)
            || IncidentAccess.IsGroupMember(caller, incident) || majorIncidentManager))
        {
            throw Problems.Forbidden("The service desk, the assigned resolver or the incident manager can re-prioritise.", "INC-03");
        }

        if (request.OverridePriority is not null && !IncidentAccess.IsIncidentManager(caller))
        {
            throw Problems.Forbidden("Only the incident manager can override the priority matrix.", "INC-03");
        }

        if (request.Impact is null && request.Urgency is null && request.OverridePriority is null)
        {
            throw Problems.Unprocessable("Give a new impact, urgency or (incident manager) priority.", "INC-03", "impact");
        }

        var before = (incident.Impact, incident.Urgency, incident.Priority, incident.ResolutionDue);
        incident.Impact = request.Impact ?? incident.Impact;
        incident.Urgency = request.Urgency ?? incident.Urgency;
        var computed = settings.Matrix.PriorityFor(incident.Impact, incident.Urgency);
        incident.Priority = request.OverridePriority ?? computed;
        incident.PriorityOverridden = request.OverridePriority is not null && request.OverridePriority != computed;
        incident.Sla = incident.Sla with { TwentyFourSeven = settings.Targets.For(incident.Priority).TwentyFourSeven };
        IncidentClock.StampDueTimes(incident, settings, now);
        incident.Raise(caller.Actor, now, "IncidentReprioritized", EventVisibility.Public,
        [
            RecordDocument.Change("impact", before.Impact, incident.Impact),
            RecordDocument.Change("urgency", before.Urgency, incident.Urgency),
            RecordDocument.Change("priority", before.Priority, incident.Priority),
            RecordDocument.Change("resolutionDue", before.ResolutionDue, incident.ResolutionDue),
        ], Notify.Stakeholders(incident, caller.Id), new JsonObject { ["reason"] = request.Reason, ["overridden"] = incident.PriorityOverridden });
    }

    /// <summary>INC-10: staff add internal or public notes; the reporter and watchers add public comments, which resume an incident waiting for them.</summary>
    public static bool AddNote(Incident incident, AddNoteRequest request, Caller caller, IncidentSettings settings, DateTimeOffset now)
    {
        var isWorker = IncidentAccess.CanWork(caller, incident);
        if (!isWorker && !IncidentAccess.IsInvolved(caller, incident))
        {
            throw Problems.Forbidden("Only people working the incident, its reporter and its watchers can comment.", "SEC-01");
        }

        if (request.Visibility == NoteVisibility.Internal && !isWorker)
        {
            throw Problems.Forbidden("Internal notes are for staff working the incident.", "INC-10");
        }

        var visibility = request.Visibility == NoteVisibility.Public ? EventVisibility.Public : EventVisibility.Internal;
        var notify = visibility == EventVisibility.Public
            ? (isWorker ? Notify.Stakeholders(incident, caller.Id) : Notify.Worker(incident)).ToList()
            : [];
        if (visibility == EventVisibility.Public && isWorker)
        {
            incident.LastPublicUpdateAt = now;
        }

        incident.Raise(caller.Actor, now, "NoteAdded", visibility, notify: notify,
            data: new JsonObject { ["text"] = request.Text, ["visibility"] = request.Visibility.ToString() });
        return !isWorker && incident.State == IncidentState.OnHold && incident.HoldReason == HoldReason.AwaitingCustomer
            && incident.ReporterId == caller.Id;
    }

    /// <summary>INC-16: functional (to another group) or hierarchical (lead → incident manager → service owner), always with a reason.</summary>
    public static void RequireCanEscalate(Incident incident, Caller caller)
    {
        RequireNotTerminal(incident);
        if (!IncidentAccess.CanWork(caller, incident))
        {
            throw Problems.Forbidden("Only people working the incident can escalate it.", "INC-16");
        }
    }

    /// <summary>Records the escalation; check <see cref="RequireCanEscalate"/> first (a functional escalation moves the incident away from the caller).</summary>
    public static void Escalate(Incident incident, EscalateIncidentRequest request, Caller caller, Service service, DateTimeOffset now, Func<string?> leadOfGroup)
    {
        var level = incident.EscalationLevel + 1;
        var notify = level switch
        {
            1 => leadOfGroup() is { } lead ? [lead] : new List<string> { Notify.Role(ItsmRole.IncidentManager) },
            2 => [Notify.Role(ItsmRole.IncidentManager)],
            _ => [service.OwnerId, Notify.Role(ItsmRole.IncidentManager)],
        };
        incident.EscalationLevel = level;
        incident.Raise(caller.Actor, now, "IncidentEscalated", EventVisibility.Internal,
            [RecordDocument.Change("escalationLevel", level - 1, level)], notify,
            new JsonObject { ["kind"] = request.Kind.ToString(), ["level"] = level, ["reason"] = request.Reason });
    }

    /// <summary>INC-12: "me too" adds an affected user (once); passing the threshold prompts the service desk to reassess impact.</summary>
    public static bool AddAffected(Incident incident, Caller caller, IncidentSettings settings, DateTimeOffset now)
    {
        RequireNotTerminal(incident);
        if (incident.AffectedUserIds.Contains(caller.Id) || incident.ReporterId == caller.Id)
        {
            return false;
        }

        incident.AffectedUserIds.Add(caller.Id);
        incident.RefreshDerived();
        incident.Raise(caller.Actor, now, "AffectedUserAdded", EventVisibility.Internal,
            [RecordDocument.Change("affectedCount", incident.AffectedUserIds.Count - 1, incident.AffectedUserIds.Count)]);
        if (incident.AffectedUserIds.Count > settings.Rules.AffectedUsersThreshold && !incident.ImpactReassessmentPrompted)
        {
            incident.ImpactReassessmentPrompted = true;
            incident.Raise(Actor.System, now, "ImpactReassessmentSuggested", EventVisibility.Internal,
                notify: [Notify.Group(incident.OwnerGroupId ?? "grp-servicedesk")],
                data: new JsonObject { ["affectedCount"] = incident.AffectedUserIds.Count, ["impact"] = incident.Impact.ToString() });
        }

        return true;
    }

    public static bool AddWatcher(Incident incident, string personId, Caller caller, DateTimeOffset now)
    {
        if (personId != caller.Id && !IncidentAccess.CanWork(caller, incident))
        {
            throw Problems.Forbidden("You can add yourself as a watcher; adding others is for staff working the incident.", "SEC-01");
        }

        if (incident.WatcherIds.Contains(personId))
        {
            return false;
        }

        incident.WatcherIds.Add(personId);
        incident.RefreshDerived();
        incident.Raise(caller.Actor, now, "WatcherAdded", EventVisibility.Internal, [RecordDocument.Change<string?>("watcher", null, personId)]);
        return true;
    }

    /// <summary>INC-13: record a workaround; without a linked problem the response prompts to link or create one.</summary>
    public static IReadOnlyList<IncidentPrompt> RecordWorkaround(Incident incident, RecordWorkaroundRequest request, Caller caller, DateTimeOffset now)
    {
        RequireNotTerminal(incident);
        if (!IncidentAccess.CanWork(caller, incident))
        {
            throw Problems.Forbidden("Only people working the incident can record a workaround.", "INC-13");
        }

        var problem = incident.Links.FirstOrDefault(l => l.Kind == IncidentLinkKind.Problem)?.TargetId;
        incident.Raise(caller.Actor, now, "WorkaroundRecorded", EventVisibility.Public,
            [RecordDocument.Change("workaround", incident.Workaround, request.Text), RecordDocument.Change("restoredByWorkaround", incident.RestoredByWorkaround, request.RestoredByWorkaround)],
            Notify.Stakeholders(incident, caller.Id), new JsonObject { ["problemId"] = problem, ["offerForKnowledgeBase"] = true });
        incident.Workaround = request.Text;
        incident.RestoredByWorkaround = request.RestoredByWorkaround;
        incident.LastPublicUpdateAt = now;
        return problem is not null ? [] :
        [
            new IncidentPrompt("link-or-create-problem",
                "A workaround was recorded but no problem is linked: link an existing problem or raise one so the root cause is found.", "INC-13"),
        ];
    }

    public static void RequireNotTerminal(Incident incident)
    {
        if (incident.IsTerminal)
        {
            throw Problems.Conflict($"{incident.Id} is {incident.State}; only links, survey results and corrective audit entries can be added now.", "INC-07");
        }
    }
}
