using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Incidents;

namespace ItsmChatOps.Api.Changes;

/// <summary>
/// The notify lists of change events (CHG-05, CHG-09, CHG-15), in the addresses of <see cref="Notify"/>: a person id,
/// <c>group:{id}</c> for a group's channel, <c>role:{role}</c> for every holder of a role.
/// </summary>
public static class ChangeNotify
{
    /// <summary>CHG-09: the affected services' customer contacts, the service desk channel and the resolver groups of affected CIs.</summary>
    public static List<string> ScheduleAudience(ChangeAnalysisResult analysis, ChangePolicy policy, Change change) =>
    [
        .. analysis.Customers.SelectMany(c => c.RepresentativeIds),
        Notify.Group(policy.ServiceDeskGroupId),
        .. analysis.SupportGroupIds.Select(Notify.Group),
        .. Implementer(change),
    ];

    public static IEnumerable<string> Implementer(Change change) =>
        change.ImplementerId is { } person ? [person] : change.ImplementerGroupId is { } group ? [Notify.Group(group)] : [];

    /// <summary>Everyone a decision concerns: each approver (so every copy of the card is updated) and the originator.</summary>
    public static IEnumerable<string> Approvers(Change change) => change.Approvers.Select(a => a.PersonId).Append(change.OriginatorId);

    /// <summary>CHG-15: the problem manager hears of changes that fix problems or known errors.</summary>
    public static IEnumerable<string> ProblemManagerIfLinked(Change change) =>
        change.Links.Any(l => l.Kind is ChangeLinkKind.Problem or ChangeLinkKind.KnownError) ? [Notify.Role(ItsmRole.ProblemManager)] : [];

    public static IEnumerable<string> LinkedIds(Change change, ChangeLinkKind kind) => change.Links.Where(l => l.Kind == kind).Select(l => l.TargetId);
}
