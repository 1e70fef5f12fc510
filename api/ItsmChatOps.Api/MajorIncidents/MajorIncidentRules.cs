using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>Someone asked to acknowledge a declaration (MAJ-07), with who stands in if they do not.</summary>
public sealed record EscalationTarget(string PersonId, EscalationRole Role, string? DeputyId);

/// <summary>What declaring needs besides the record: the named manager, who to escalate to and invite, the affected customers.</summary>
public sealed record DeclarationContext(
    string ManagerId,
    bool ManagerKnown,
    Service Service,
    IReadOnlyList<EscalationTarget> Escalations,
    IReadOnlyList<string> WarRoomInvitees,
    IReadOnlyList<string> AffectedCustomerIds,
    MajorIncidentPolicy Policy);

/// <summary>Proposing and declaring major incidents (MAJ-01, MAJ-02, MAJ-03, MAJ-05, MAJ-07), as plain code.</summary>
public static class MajorIncidentRules
{
    /// <summary>MAJ-01: the enabled rules the incident matches now.</summary>
    public static IReadOnlyList<MajorIncidentRule> Matching(Incident incident, Service service, MajorIncidentPolicy policy) =>
        policy.Rules.Where(rule => rule.Enabled && rule.Kind switch
        {
            MajorRuleKind.Priority => rule.Priorities?.Contains(incident.Priority) ?? false,
            MajorRuleKind.ImpactOnCriticalService => incident.Impact == rule.Impact && service.Criticality == rule.Criticality,
            MajorRuleKind.AffectedUsers => incident.AffectedUserIds.Count >= rule.AffectedUsersAtLeast,
            MajorRuleKind.SecurityCategory => rule.CategoryPrefix is { } prefix
                && (incident.Category?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ?? false),
            _ => false,
        }).ToList();

    /// <summary>MAJ-02: the configured roles, the on-call managers and the senior responsible owners.</summary>
    public static bool MayDeclare(Caller caller, MajorIncidentPolicy policy) =>
        caller.HasAny([.. policy.DeclarerRoles]) || policy.OnCallManagerIds.Contains(caller.Id) || policy.SeniorResponsibleOwnerIds.Contains(caller.Id);

    public static void RequireDeclarer(Caller caller, MajorIncidentPolicy policy)
    {
        if (!MayDeclare(caller, policy))
        {
            throw Problems.Forbidden($"Declaring a major incident is for: {string.Join(", ", policy.DeclarerRoles)} and the on-call incident managers.", "MAJ-02", "SEC-01");
        }
    }

    /// <summary>The on-call incident managers, or every incident manager when none is configured.</summary>
    public static IReadOnlyList<string> OnCallManagers(MajorIncidentPolicy policy) =>
        policy.OnCallManagerIds.Count > 0 ? policy.OnCallManagerIds : [Notify.Role(ItsmRole.IncidentManager)];

    /// <summary>A new record for the incident, not yet raised anywhere: <see cref="Propose"/> or <see cref="Declare"/> gives it its first state.</summary>
    public static MajorIncident New(string id, Incident incident, int policyVersion, string createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        IncidentId = incident.Id,
        State = MajorIncidentState.Proposed,
        Summary = incident.Summary,
        ServiceId = incident.ServiceId,
        CiIds = [.. incident.CiIds],
        Restricted = IncidentAccess.IsRestricted(incident),
        Priority = incident.Priority,
        Impact = incident.Impact,
        PolicyVersion = policyVersion,
        CreatedAt = now,
        CreatedBy = createdBy,
    };

    /// <summary>MAJ-01: a matching rule proposes a major incident and tells the on-call incident manager ("Declare / Not major").</summary>
    public static void Propose(MajorIncident major, IReadOnlyList<MajorIncidentRule> matched, MajorIncidentPolicy policy, DateTimeOffset now)
    {
        major.MatchedRules = matched.Select(r => r.Id).ToList();
        major.Raise(Actor.System, now, "MajorIncidentProposed", EventVisibility.Internal,
            [RecordDocument.Change<MajorIncidentState?>("state", null, MajorIncidentState.Proposed)], OnCallManagers(policy), new JsonObject
            {
                ["incidentId"] = major.IncidentId,
                ["summary"] = major.Summary,
                ["priority"] = major.Priority.ToString(),
                ["serviceId"] = major.ServiceId,
                ["matchedRules"] = new JsonArray([.. matched.Select(r => (JsonNode?)JsonValue.Create(r.Description))]),
            });
    }

    /// <summary>
    /// (new) or Proposed → Declared (§16.2): a declarer names the manager (MAJ-03); the escalation list is asked to
    /// acknowledge (MAJ-07), the bot is asked for a war room (MAJ-05) and the first update falls due (MAJ-06).
    /// </summary>
    public static void Declare(MajorIncident major, DeclarationContext context, Caller caller, string? reason, DateTimeOffset now)
    {
        RequireDeclarer(caller, context.Policy);
        if (string.IsNullOrWhiteSpace(context.ManagerId) || !context.ManagerKnown)
        {
            throw Problems.Unprocessable("Name the major incident manager: a person known to ITSM.", "MAJ-03", "managerId");
        }

        if (major.State == MajorIncidentState.Proposed && major.MatchedRules.Count == 0 && string.IsNullOrWhiteSpace(reason))
        {
            throw Problems.Unprocessable("No major-incident rule matched: give the reason for declaring.", "MAJ-01", "reason");
        }

        var from = major.Events.Count == 0 ? (MajorIncidentState?)null : major.State;
        major.State = MajorIncidentState.Declared;
        major.Reason = reason ?? major.Reason;
        major.DeclaredById = caller.Id;
        major.DeclaredAt = now;
        major.ManagerId = context.ManagerId;
        major.ManagerHistory.Add(new ManagerTerm(context.ManagerId, now, null));
        major.AffectedCustomerIds = [.. context.AffectedCustomerIds];
        major.NextUpdateDue = now.AddMinutes(context.Policy.UpdateIntervalMinutes);
        major.Escalations = context.Escalations.Select(e => new Escalation(e.PersonId, e.Role, now, null, e.DeputyId, null)).ToList();
        major.Raise(caller.Actor, now, "MajorIncidentDeclared", EventVisibility.Internal,
            [RecordDocument.Change("state", from, MajorIncidentState.Declared), RecordDocument.Change<string?>("managerId", null, context.ManagerId)],
            [context.ManagerId], new JsonObject
            {
                ["incidentId"] = major.IncidentId,
                ["managerId"] = context.ManagerId,
                ["reason"] = major.Reason,
                ["matchedRules"] = new JsonArray([.. major.MatchedRules.Select(r => (JsonNode?)JsonValue.Create(r))]),
                ["nextUpdateDue"] = UtcTimestampConverter.Text(major.NextUpdateDue.Value),
            });
        major.Raise(Actor.System, now, "MajorIncidentEscalated", EventVisibility.Internal,
            notify: major.Escalations.Select(e => e.PersonId), data: new JsonObject
            {
                ["incidentId"] = major.IncidentId,
                ["acknowledgeBy"] = UtcTimestampConverter.Text(now.AddMinutes(context.Policy.AcknowledgeWithinMinutes)),
                ["roles"] = new JsonObject(major.Escalations.GroupBy(e => e.PersonId)
                    .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)JsonValue.Create(g.First().Role.ToString())))),
            });
        major.Raise(Actor.System, now, "WarRoomRequested", EventVisibility.Internal, data: new JsonObject
        {
            ["incidentId"] = major.IncidentId,
            ["managerId"] = context.ManagerId,
            ["channelName"] = ChannelName(context.Policy.ChannelNameFormat, major.IncidentId, context.Service.Name),
            ["invite"] = new JsonArray([.. context.WarRoomInvitees.Distinct().Select(p => (JsonNode?)JsonValue.Create(p))]),
        });
    }

    /// <summary>MAJ-05: the default <c>mi-INC-000123-email-and-calendar</c>, in the characters channel names allow, at most 50.</summary>
    public static string ChannelName(string format, string incidentId, string serviceName)
    {
        var service = new string([.. serviceName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (service.Contains("--", StringComparison.Ordinal))
        {
            service = service.Replace("--", "-", StringComparison.Ordinal);
        }

        var name = format.Replace("{incident}", incidentId, StringComparison.Ordinal).Replace("{service}", service.Trim('-'), StringComparison.Ordinal);
        return name.Length <= 50 ? name : name[..50].TrimEnd('-');
    }
}
