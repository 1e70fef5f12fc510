using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>Who sees which knowledge (KB-07, KB-02) and who may write and publish it (KB-06).</summary>
public static class KnowledgeAccess
{
    /// <summary>Customers and end users: Customers items only; staff: Agents too; the security audience: Security-restricted too.</summary>
    public static IReadOnlySet<KnowledgeAudience> AudiencesFor(Caller caller, string securityGroupId)
    {
        if (!caller.IsStaff)
        {
            return new HashSet<KnowledgeAudience> { KnowledgeAudience.Customers };
        }

        var audiences = new HashSet<KnowledgeAudience> { KnowledgeAudience.Customers, KnowledgeAudience.Agents };
        if (caller.HasAny(ItsmRole.SecurityManager, ItsmRole.Auditor) || caller.InGroup(securityGroupId))
        {
            audiences.Add(KnowledgeAudience.SecurityRestricted);
        }

        return audiences;
    }

    /// <summary>Published and retired items reach their audience; drafts and items in review only staff in that audience.</summary>
    public static bool CanRead(Caller caller, KnowledgeItem item, IReadOnlySet<KnowledgeAudience> audiences) =>
        audiences.Contains(item.Content.Audience)
        && (item.State is KnowledgeState.Published or KnowledgeState.Retired || caller.IsStaff);

    public static bool IsEditor(Caller caller) => caller.Has(ItsmRole.KnowledgeEditor);

    public static bool IsProblemManager(Caller caller) => caller.Has(ItsmRole.ProblemManager);

    /// <summary>§16.9: knowledge editors, resolvers, the service desk and problem management write items.</summary>
    public static bool CanAuthor(Caller caller) =>
        caller.HasAny(ItsmRole.KnowledgeEditor, ItsmRole.Resolver, ItsmRole.ServiceDesk, ItsmRole.ServiceDeskLead,
            ItsmRole.ProblemManager, ItsmRole.ProblemAnalyst, ItsmRole.IncidentManager, ItsmRole.SecurityManager)
        || (caller.IsStaff && caller.Person.GroupIds.Count > 0);

    /// <summary>KB-06: knowledge editors publish, review and retire; problem managers too for known errors and workarounds.</summary>
    public static bool CanPublish(Caller caller, KnowledgeItem item) => IsEditor(caller) || (item.IsProblemKnowledge && IsProblemManager(caller));
}
