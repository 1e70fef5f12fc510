using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.People;

namespace ItsmChatOps.Api.Changes;

/// <summary>The required approvers of a change and the rule that decides it, computed when approval is requested.</summary>
public sealed record ApproverPlan(
    ApprovalAuthority Authority,
    List<RequiredApprover> Approvers,
    QuorumRule Quorum,
    int Minimum,
    List<ItsmRole> NeedsRoles,
    bool EscalatedForBlackout);

/// <summary>
/// CHG-04 with the rules that add approvers: the level the policy gives for the model, risk and class; CAB whenever
/// the window falls in a freeze or critical period (CHG-08); owners of High-criticality CIs (CFG-04); and the
/// customer representatives of every affected service whose service hours a declared outage overlaps (CHG-07).
/// </summary>
public static class ChangeApprovers
{
    public static ApproverPlan Compute(Change change, ChangePolicy policy, ChangeAnalysisResult analysis, IReadOnlyDictionary<string, Person> people)
    {
        var level = policy.LevelFor(change.Model, change.Risk?.Level, change.Class);
        var authority = level.Authority;
        var quorum = level.Quorum;
        var escalated = change.Model == ChangeModel.Normal && analysis.Blackouts.Count > 0 && authority != ApprovalAuthority.ChangeAdvisoryBoard;
        if (escalated)
        {
            authority = ApprovalAuthority.ChangeAdvisoryBoard;
            quorum = QuorumRule.Majority;
        }

        var approvers = new List<RequiredApprover>();
        void Add(string personId, ApproverBasis basis, bool mandatory)
        {
            var index = approvers.FindIndex(a => a.PersonId == personId);
            var holdsRole = people.TryGetValue(personId, out var person) && person.Roles.Any(policy.EmergencyRequiredRoles.Contains);
            if (index < 0)
            {
                approvers.Add(new(personId, basis, mandatory, holdsRole));
            }
            else if (mandatory && !approvers[index].Mandatory)
            {
                approvers[index] = approvers[index] with { Mandatory = true };
            }
        }

        var highCiOwners = analysis.OwnCis.Where(ci => ci.Criticality == Criticality.High).Select(ci => ci.OwnerId).ToList();
        switch (authority)
        {
            case ApprovalAuthority.ChangeManager:
                Add(policy.ChangeManagerId, ApproverBasis.ChangeManager, false);
                break;
            case ApprovalAuthority.ChangeManagerAndOwners:
                Add(policy.ChangeManagerId, ApproverBasis.ChangeManager, false);
                highCiOwners.ForEach(owner => Add(owner, ApproverBasis.ConfigurationItemOwner, false));
                analysis.AffectedServices.Where(s => s.Criticality == Criticality.High).ToList()
                    .ForEach(s => Add(s.OwnerId, ApproverBasis.ServiceOwner, false));
                break;
            case ApprovalAuthority.ChangeAdvisoryBoard:
                Add(policy.ChangeManagerId, ApproverBasis.ChangeManager, false);
                analysis.AffectedServices.ToList().ForEach(s => Add(s.OwnerId, ApproverBasis.ServiceOwner, false));
                policy.BusinessRepresentativeIds.ForEach(id => Add(id, ApproverBasis.BusinessRepresentative, false));
                break;
            case ApprovalAuthority.EmergencyBoard:
                policy.EmergencyApproverIds.ForEach(id => Add(id, ApproverBasis.EmergencyAuthority, false));
                break;
        }

        if (change.Model == ChangeModel.Normal && policy.OwnerApprovalForHighCriticality)
        {
            highCiOwners.ForEach(owner => Add(owner, ApproverBasis.ConfigurationItemOwner, true));
        }

        foreach (var service in analysis.AffectedServices.Where(s => analysis.OutageInServiceHoursServiceIds.Contains(s.Id)))
        {
            foreach (var representative in analysis.Customers.Where(c => service.CustomerIds.Contains(c.Id)).SelectMany(c => c.RepresentativeIds))
            {
                Add(representative, ApproverBasis.CustomerRepresentative, true);
            }
        }

        return new(authority, approvers, quorum, authority == ApprovalAuthority.EmergencyBoard ? policy.EmergencyMinimumApprovals : level.MinimumApprovals,
            authority == ApprovalAuthority.EmergencyBoard ? [.. policy.EmergencyRequiredRoles] : [], escalated);
    }

    /// <summary>Everyone whose roles the plan needs to know: the named authority, the emergency list and the business representatives.</summary>
    public static IEnumerable<string> PeopleToLoad(ChangePolicy policy) =>
        policy.EmergencyApproverIds.Append(policy.ChangeManagerId).Concat(policy.BusinessRepresentativeIds).Distinct();
}
