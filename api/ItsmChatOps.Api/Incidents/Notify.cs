using ItsmChatOps.Api.Client;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// Addresses in an event's notify list: a person id as is, <c>group:{id}</c> for a group's channel,
/// <c>role:{role}</c> for every holder of an ITSM role and <c>warroom:{id}</c> for a major incident's war
/// room. The bot expands and delivers them.
/// </summary>
public static class Notify
{
    public static string Group(string groupId) => $"group:{groupId}";

    public static string Role(ItsmRole role) => $"role:{role}";

    /// <summary>The war room channel of a major incident (MAJ-05, MAJ-06).</summary>
    public static string WarRoom(string majorIncidentId) => $"warroom:{majorIncidentId}";

    /// <summary>Reporter, watchers and affected users: the people kept informed of progress (INC-11, INC-12).</summary>
    public static IEnumerable<string> Stakeholders(Incident incident, string? except = null) =>
        incident.Involved.Where(p => p != except && !p.StartsWith("monitoring:", StringComparison.Ordinal));

    /// <summary>The assignee, else the assigned group's channel.</summary>
    public static IEnumerable<string> Worker(Incident incident) =>
        incident.AssigneeId is { } assignee ? [assignee] : incident.GroupId is { } group ? [Group(group)] : [];
}
