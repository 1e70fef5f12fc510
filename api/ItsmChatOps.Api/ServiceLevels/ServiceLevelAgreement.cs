using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.ServiceLevels;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.ServiceLevels;

/// <summary>
/// A service level agreement (SLM-02) with a customer for some catalogue services. The document holds the
/// current version; every Active version is also kept as an immutable snapshot, which is what incidents
/// evaluated under it refer to (SLM-12).
/// </summary>
public sealed class ServiceLevelAgreement : RecordDocument
{
    public const string Type = "sla";

    /// <summary>The content items SLM-02 requires before activation (structured parts are checked separately).</summary>
    public static readonly IReadOnlyList<string> RequiredItems =
    [
        "serviceDescription", "validityAndChangeControl", "authorization", "communicationAndReporting", "serviceHoursExceptions",
        "scheduledInterruptions", "customerResponsibilities", "providerObligations", "priorityMatrix", "notificationRules",
        "complaintsProcedure", "workloadLimits", "chargeCodes", "interruptionActions", "housekeeping", "glossary", "supportingServices", "exceptions",
    ];

    public override string RecordType => Type;

    public required string Name { get; set; }
    public required string CustomerId { get; set; }
    public List<string> ServiceIds { get; set; } = [];
    public int Version { get; set; } = 1;
    public SlaStatus Status { get; set; } = SlaStatus.Draft;
    public string CalendarId { get; set; } = "office-hours";
    public List<SlaTarget> Targets { get; set; } = [];
    public List<string> EmergencyContactIds { get; set; } = [];
    public List<EscalationStep> EscalationPath { get; set; } = [];
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public Dictionary<string, SlaItem> Items { get; set; } = [];

    /// <summary>What activation still needs: every SLM-02 item (text or a document reference), targets for every priority, escalation rules and contacts.</summary>
    public IReadOnlyList<string> MissingItems()
    {
        var missing = RequiredItems.Where(name => !Items.TryGetValue(name, out var item)
            || (string.IsNullOrWhiteSpace(item.Text) && string.IsNullOrWhiteSpace(item.DocumentRef))).ToList();
        if (Enum.GetValues<Priority>().Any(p => Targets.All(t => t.Priority != p)))
        {
            missing.Add("targets");
        }

        if (EscalationPath.Count == 0)
        {
            missing.Add("escalationPath");
        }

        if (EmergencyContactIds.Count == 0)
        {
            missing.Add("emergencyContactIds");
        }

        return missing;
    }

    /// <summary>The targets in the policy shape the SLA clocks use.</summary>
    public ServiceLevelTargetsPolicy TargetsPolicy() => new()
    {
        Targets = Targets.Select(t => new PriorityTarget(t.Priority!.Value, Span(t.Response!), Span(t.Resolution!), t.TwentyFourSeven)).ToList(),
    };

    public IReadOnlyList<string> ContactsFor(Priority priority) =>
        EscalationPath.Where(s => s.Priority == priority).SelectMany(s => s.ContactIds ?? []).Concat(EmergencyContactIds).Distinct().ToList();

    public SlaResponse ToResponse() => new()
    {
        Id = Id,
        Name = Name,
        CustomerId = CustomerId,
        ServiceIds = ServiceIds,
        Version = Version,
        Status = Status,
        CalendarId = CalendarId,
        Targets = Targets,
        EmergencyContactIds = EmergencyContactIds,
        EscalationPath = EscalationPath,
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        Items = Items,
        MissingItems = MissingItems(),
        ETag = ETag,
    };

    private static TargetSpan Span(TargetDuration duration) => new(duration.Value, duration.Unit switch
    {
        TargetUnit.Minutes => SpanUnit.Minutes,
        TargetUnit.Hours => SpanUnit.Hours,
        _ => SpanUnit.Days,
    });
}

/// <summary>An immutable copy of one Active version of an SLA.</summary>
public sealed class SlaSnapshot
{
    public required string Id { get; init; }
    public required ServiceLevelAgreement Agreement { get; init; }

    public static string IdFor(string slaId, int version) => $"{slaId}@{version:D4}";
}
