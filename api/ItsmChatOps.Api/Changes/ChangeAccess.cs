using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>Who may see and act on a change, by role and by relationship to the record (SEC-01).</summary>
public static class ChangeAccess
{
    public static bool IsChangeManager(Caller caller) => caller.Has(ItsmRole.ChangeManager);

    /// <summary>The nominated implementer, or a member of the implementer group (CHG-10).</summary>
    public static bool IsImplementer(Caller caller, Change change) =>
        change.ImplementerId == caller.Id || caller.InGroup(change.ImplementerGroupId);

    public static bool IsOriginator(Caller caller, Change change) => change.OriginatorId == caller.Id;

    /// <summary>
    /// Staff see every change; others the changes they raised, implement, verify or own a service of, are asked to
    /// decide on, or that affect their customer's services.
    /// </summary>
    public static bool CanRead(Caller caller, Change change, IReadOnlyCollection<string> customerServiceIds) =>
        caller.IsStaff || IsOriginator(caller, change) || IsImplementer(caller, change) || change.VerifierId == caller.Id
        || change.Approvers.Any(a => a.PersonId == caller.Id) || change.CustomerRepresentativeIds.Contains(caller.Id)
        || (change.Impact?.Services.Any(s => s.OwnerId == caller.Id) ?? false)
        || change.AffectedServiceIds.Any(customerServiceIds.Contains);

    public static void RequireChangeManager(Caller caller, string requirement, string what)
    {
        if (!IsChangeManager(caller))
        {
            throw Problems.Forbidden($"Only the change manager {what}.", requirement, "SEC-01");
        }
    }

    public static void Allow(bool allowed, string detail, params string[] requirements)
    {
        if (!allowed)
        {
            throw Problems.Forbidden(detail, [.. requirements, "SEC-01"]);
        }
    }
}

/// <summary>Rule failures that list several fields, each message naming the requirement it enforces.</summary>
public static partial class ChangeProblems
{
    public static ProblemException Invalid(Dictionary<string, string[]> errors, string fallback) =>
        Problems.Validation(errors, [.. errors.Values.SelectMany(m => m).SelectMany(m => RequirementId().Matches(m).Select(x => x.Value)).Append(fallback).Distinct()]);

    [System.Text.RegularExpressions.GeneratedRegex("[A-Z]{2,4}-[0-9]{2}")]
    private static partial System.Text.RegularExpressions.Regex RequirementId();
}
