using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Incidents;

/// <summary>Who may see and work an incident, by role and by relationship to the record (SEC-01, SEC-03).</summary>
public static class IncidentAccess
{
    public static readonly IReadOnlyList<string> SecurityCategories = ["Security"];

    public static bool IsServiceDesk(Caller caller) => caller.HasAny(ItsmRole.ServiceDesk, ItsmRole.ServiceDeskLead);

    public static bool IsIncidentManager(Caller caller) => caller.Has(ItsmRole.IncidentManager);

    public static bool IsAssignee(Caller caller, Incident incident) => incident.AssigneeId == caller.Id;

    public static bool IsGroupMember(Caller caller, Incident incident) => caller.InGroup(incident.GroupId);

    /// <summary>Service desk, incident manager, the assignee and members of the assigned group.</summary>
    public static bool CanWork(Caller caller, Incident incident) =>
        IsServiceDesk(caller) || IsIncidentManager(caller) || IsAssignee(caller, incident) || IsGroupMember(caller, incident);

    public static bool IsInvolved(Caller caller, Incident incident) => incident.Involved.Contains(caller.Id);

    /// <summary>The security audience: security manager, auditors and the security group (SEC-03).</summary>
    public static bool HasSecurityAccess(Caller caller, IncidentSettings settings) => HasSecurityAccess(caller, settings.Rules);

    public static bool HasSecurityAccess(Caller caller, Policies.IncidentPolicy rules) =>
        caller.HasAny(ItsmRole.SecurityManager, ItsmRole.Auditor) || caller.InGroup(rules.SecurityGroupId);

    public static bool IsRestricted(Incident incident) => incident.IsRestricted(SecurityCategories);

    /// <summary>
    /// The reporter, watchers and affected users always; the service's owner; a restricted incident only its security
    /// audience besides; staff otherwise; customer users only incidents on their own services.
    /// </summary>
    public static bool CanRead(Caller caller, Incident incident, IncidentSettings settings, IReadOnlyCollection<string> customerServiceIds, bool ownsService)
    {
        if (IsInvolved(caller, incident) || (ownsService && !IsRestricted(incident)))
        {
            return true;
        }

        if (IsRestricted(incident))
        {
            return HasSecurityAccess(caller, settings);
        }

        if (caller.IsStaff)
        {
            return true;
        }

        return caller.IsCustomerUser && customerServiceIds.Contains(incident.ServiceId);
    }

    /// <summary>A staff member outside a restricted incident's audience sees it listed, but only as "Restricted" (SEC-03).</summary>
    public static bool SeesRestrictedAsMasked(Caller caller, Incident incident, Policies.IncidentPolicy rules) =>
        IsRestricted(incident) && !IsInvolved(caller, incident) && !HasSecurityAccess(caller, rules);
}
