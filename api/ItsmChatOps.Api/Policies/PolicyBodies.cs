using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Policies;

/// <summary>Impact × urgency → priority, with the scale definitions cards show as help text (SLM-05).</summary>
public sealed record PriorityMatrixPolicy
{
    public required Dictionary<Impact, string> ImpactScale { get; init; }
    public required Dictionary<Urgency, string> UrgencyScale { get; init; }
    public required List<MatrixCell> Cells { get; init; }

    public Priority PriorityFor(Impact impact, Urgency urgency) =>
        Cells.FirstOrDefault(c => c.Impact == impact && c.Urgency == urgency)?.Priority
        ?? throw new InvalidOperationException($"The priority matrix has no cell for {impact}/{urgency}.");
}

public sealed record MatrixCell(Impact Impact, Urgency Urgency, Priority Priority);

public enum SpanUnit
{
    Minutes,
    Hours,
    Days,
}

/// <summary>A target length; hours and days count service time on the calendar unless the priority runs 24×7.</summary>
public sealed record TargetSpan(double Value, SpanUnit Unit);

/// <summary>Response and resolution targets per priority (SLM-06).</summary>
public sealed record ServiceLevelTargetsPolicy
{
    public required List<PriorityTarget> Targets { get; init; }

    public PriorityTarget For(Priority priority) =>
        Targets.FirstOrDefault(t => t.Priority == priority)
        ?? throw new InvalidOperationException($"No service level target is configured for {priority}.");
}

public sealed record PriorityTarget(Priority Priority, TargetSpan Response, TargetSpan Resolution, bool TwentyFourSeven);

/// <summary>A service-hours calendar (SLM-07): time zone, weekly hours, holidays.</summary>
public sealed record CalendarPolicy
{
    public required string TimeZone { get; init; }
    public required List<WorkingHours> Week { get; init; }
    public List<DateOnly> Holidays { get; init; } = [];

    /// <summary>The length of a service day, used for targets in days (default 8 h).</summary>
    public double ServiceDayHours { get; init; } = 8;
}

public sealed record WorkingHours(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>The configurable rules of incident management (requirements §7.2).</summary>
public sealed record IncidentPolicy
{
    /// <summary>INC-05: how long the reporter has to confirm once the request reached them, and when to remind.</summary>
    public double ConfirmationWindowServiceDays { get; init; } = 3;
    public double ConfirmationReminderServiceDays { get; init; } = 1;

    /// <summary>INC-08: the logging agent resolving within this window with no reassignment is a first-contact resolution.</summary>
    public int FirstContactWindowMinutes { get; init; } = 30;

    /// <summary>INC-12: more affected users than this prompts the service desk to reassess impact.</summary>
    public int AffectedUsersThreshold { get; init; } = 10;

    /// <summary>INC-14 resolution codes; "Cannot resolve" needs an explanation to the reporter (INC-15).</summary>
    public List<string> ResolutionCodes { get; init; } = [];
    public string CannotResolveCode { get; init; } = "Cannot resolve";
    public int MinimumResolutionNotesLength { get; init; } = 20;
    public List<string> CauseCategories { get; init; } = [];

    /// <summary>SLM-10 breach causes.</summary>
    public List<string> BreachCauses { get; init; } = [];

    /// <summary>SLM-08: hold reasons that stop the resolution clock.</summary>
    public List<HoldReason> PausingHoldReasons { get; init; } = [HoldReason.AwaitingCustomer];

    /// <summary>INC-11: how long an active incident may go without a customer-visible update; null means no reminder.</summary>
    public Dictionary<Priority, TargetSpan?> UpdateIntervals { get; init; } = [];

    /// <summary>INC-16: priorities whose incidents escalate to the incident manager as soon as they are created.</summary>
    public List<Priority> EscalateToIncidentManagerAtCreation { get; init; } = [Priority.P1];

    /// <summary>INC-08: routing suggestions by category prefix and/or service.</summary>
    public List<RoutingRule> Routing { get; init; } = [];

    /// <summary>INC-06: how monitoring-raised incidents may be confirmed.</summary>
    public MonitoringConfirmation MonitoringConfirmation { get; init; } = MonitoringConfirmation.Either;

    /// <summary>The group that handles security incidents (SEC-03).</summary>
    public string SecurityGroupId { get; init; } = "grp-security";

    /// <summary>RPT-03: share of a target after which a record counts as at risk.</summary>
    public double AtRiskShare { get; init; } = 0.75;

    /// <summary>SLM-09: shares of a target at which the assignee (or the group) is warned; 100% is the breach.</summary>
    public List<double> WarningShares { get; init; } = [0.75, 0.9];

    /// <summary>RPT-03: records predicted to breach within this many hours are at risk too.</summary>
    public double AtRiskWithinHours { get; init; } = 4;

    /// <summary>RPT-03: local time (office-hours calendar) of the daily at-risk digest to each group's channel; null turns it off.</summary>
    public TimeOnly? AtRiskDigestAt { get; init; } = new TimeOnly(8, 0);
}

public sealed record RoutingRule(string? CategoryPrefix, string? ServiceId, string GroupId);

public enum MonitoringConfirmation
{
    Either,
    ClearEvent,
    ServiceOwner,
}

/// <summary>The incident category tree (INC-04): two levels by default; a path joins names with " > ".</summary>
public sealed record CategoryTreePolicy
{
    public required List<CategoryDefinition> Categories { get; init; }

    public bool Contains(string path) => Paths().Contains(path, StringComparer.OrdinalIgnoreCase);

    public string? Canonical(string path) => Paths().FirstOrDefault(p => string.Equals(p, path, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> Paths() =>
        Categories.SelectMany(c => c.Children.Select(child => $"{c.Name}{Separator}{child}").Prepend(c.Name));

    public const string Separator = " > ";
}

public sealed record CategoryDefinition(string Name, List<string> Children);
