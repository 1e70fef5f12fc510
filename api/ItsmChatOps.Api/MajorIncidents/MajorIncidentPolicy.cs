using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Common;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>What a major-incident rule looks at (MAJ-01).</summary>
public enum MajorRuleKind
{
    /// <summary>The incident's priority is one of <see cref="MajorIncidentRule.Priorities"/>.</summary>
    Priority,

    /// <summary>The impact is <see cref="MajorIncidentRule.Impact"/> on a service of <see cref="MajorIncidentRule.Criticality"/>.</summary>
    ImpactOnCriticalService,

    /// <summary>At least <see cref="MajorIncidentRule.AffectedUsersAtLeast"/> affected users.</summary>
    AffectedUsers,

    /// <summary>A security incident whose category starts with <see cref="MajorIncidentRule.CategoryPrefix"/>.</summary>
    SecurityCategory,
}

public sealed record MajorIncidentRule(
    string Id,
    string Description,
    MajorRuleKind Kind,
    List<Priority>? Priorities = null,
    Impact? Impact = null,
    Criticality? Criticality = null,
    int? AffectedUsersAtLeast = null,
    string? CategoryPrefix = null,
    bool Enabled = true);

/// <summary>The configurable rules of major incidents (MAJ-01 … MAJ-09), as a versioned policy.</summary>
public sealed record MajorIncidentPolicy
{
    public const string Kind = "major-incident";

    /// <summary>MAJ-01: what counts as a major incident.</summary>
    public List<MajorIncidentRule> Rules { get; init; } =
    [
        new("any-p1", "Any P1 incident", MajorRuleKind.Priority, Priorities: [Priority.P1]),
        new("high-impact-critical-service", "High impact on a High-criticality service", MajorRuleKind.ImpactOnCriticalService,
            Impact: Client.Impact.High, Criticality: Client.ServiceCatalog.Criticality.High),
        new("many-affected-users", "50 or more affected users", MajorRuleKind.AffectedUsers, AffectedUsersAtLeast: 50),
        new("security-data-disclosure", "A security incident with suspected data disclosure", MajorRuleKind.SecurityCategory,
            CategoryPrefix: "Security > Data disclosure"),
    ];

    /// <summary>MAJ-02: roles that may declare (or reject) a major incident; the on-call managers and SROs below may too.</summary>
    public List<ItsmRole> DeclarerRoles { get; init; } = [ItsmRole.IncidentManager, ItsmRole.ServiceDeskLead];

    /// <summary>MAJ-01/02: the on-call (major) incident managers, told of proposals; empty means every incident manager.</summary>
    public List<string> OnCallManagerIds { get; init; } = [];

    /// <summary>MAJ-07: senior responsible owners told of every declaration (and allowed to declare, MAJ-02).</summary>
    public List<string> SeniorResponsibleOwnerIds { get; init; } = [];

    /// <summary>MAJ-07: who stands in for a person who does not acknowledge; without an entry, their manager.</summary>
    public Dictionary<string, string> Deputies { get; init; } = [];

    /// <summary>MAJ-07: escalation contacts per supplier group (a group of kind Supplier); without an entry, the group's lead.</summary>
    public Dictionary<string, List<string>> SupplierContacts { get; init; } = [];

    /// <summary>MAJ-05: who is on call per resolver group, invited to the war room; without an entry, the group's lead.</summary>
    public Dictionary<string, List<string>> OnCall { get; init; } = [];

    /// <summary>MAJ-07: minutes to acknowledge before the deputy or next person is told.</summary>
    public int AcknowledgeWithinMinutes { get; init; } = 15;

    /// <summary>MAJ-06: minutes between stakeholder updates, and how long before one is due the manager is reminded.</summary>
    public int UpdateIntervalMinutes { get; init; } = 30;
    public int ReminderBeforeMinutes { get; init; } = 5;

    /// <summary>MAJ-09: service days to complete the review once service is restored.</summary>
    public double ReviewDueServiceDays { get; init; } = 5;

    /// <summary>MAJ-09: days from the review's approval to the due date of each improvement item it creates.</summary>
    public int ImprovementItemDueDays { get; init; } = 30;

    /// <summary>MAJ-05: the war room's name, <c>{incident}</c> and <c>{service}</c> filled in; channel names are cut to 50 characters.</summary>
    public string ChannelNameFormat { get; init; } = "mi-{incident}-{service}";

    /// <summary>Refuses a version no major incident could be run under.</summary>
    public static void Validate(MajorIncidentPolicy policy)
    {
        var errors = new Dictionary<string, string[]>();
        if (policy.UpdateIntervalMinutes < 5 || policy.ReminderBeforeMinutes < 0 || policy.ReminderBeforeMinutes >= policy.UpdateIntervalMinutes)
        {
            errors["updateIntervalMinutes"] = ["Updates are due every 5 minutes or more, and the reminder comes before the update is due."];
        }

        if (policy.AcknowledgeWithinMinutes < 1)
        {
            errors["acknowledgeWithinMinutes"] = ["Give at least one minute to acknowledge."];
        }

        if (policy.ReviewDueServiceDays <= 0)
        {
            errors["reviewDueServiceDays"] = ["The review needs a positive number of service days."];
        }

        if (policy.Rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != policy.Rules.Count)
        {
            errors["rules"] = ["Rule ids must be unique."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "MAJ-01");
        }
    }
}
