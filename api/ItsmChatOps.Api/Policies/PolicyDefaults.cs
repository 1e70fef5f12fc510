using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Policies;

/// <summary>The defaults the requirements name, used as version 1 of each policy until an administrator edits it.</summary>
public static class PolicyDefaults
{
    public static PriorityMatrixPolicy Matrix { get; } = new()
    {
        ImpactScale = new()
        {
            [Impact.High] = "A business function or many users are stopped",
            [Impact.Medium] = "A team or an important function is degraded",
            [Impact.Low] = "One user, or a minor degradation",
        },
        UrgencyScale = new()
        {
            [Urgency.High] = "The business is affected now or within the hour",
            [Urgency.Medium] = "It needs fixing within the working day",
            [Urgency.Low] = "It can wait, or a workaround is acceptable",
        },
        Cells =
        [
            new(Impact.High, Urgency.High, Priority.P1),
            new(Impact.High, Urgency.Medium, Priority.P2),
            new(Impact.Medium, Urgency.High, Priority.P2),
            new(Impact.High, Urgency.Low, Priority.P3),
            new(Impact.Medium, Urgency.Medium, Priority.P3),
            new(Impact.Low, Urgency.High, Priority.P3),
            new(Impact.Medium, Urgency.Low, Priority.P4),
            new(Impact.Low, Urgency.Medium, Priority.P4),
            new(Impact.Low, Urgency.Low, Priority.P5),
        ],
    };

    public static ServiceLevelTargetsPolicy Targets { get; } = new()
    {
        Targets =
        [
            new(Priority.P1, new(15, SpanUnit.Minutes), new(4, SpanUnit.Hours), TwentyFourSeven: true),
            new(Priority.P2, new(30, SpanUnit.Minutes), new(8, SpanUnit.Hours), TwentyFourSeven: false),
            new(Priority.P3, new(2, SpanUnit.Hours), new(3, SpanUnit.Days), TwentyFourSeven: false),
            new(Priority.P4, new(1, SpanUnit.Days), new(5, SpanUnit.Days), TwentyFourSeven: false),
            new(Priority.P5, new(2, SpanUnit.Days), new(10, SpanUnit.Days), TwentyFourSeven: false),
        ],
    };

    public static CalendarPolicy OfficeHours { get; } = new()
    {
        TimeZone = "Europe/London",
        Week = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WorkingHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
        Holidays =
        [
            new(2026, 12, 25), new(2026, 12, 28), new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29),
            new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
        ],
    };

    public static CalendarPolicy AroundTheClock { get; } = new()
    {
        TimeZone = "Etc/UTC",
        Week = [.. Enum.GetValues<DayOfWeek>().Select(d => new WorkingHours(d, TimeOnly.MinValue, TimeOnly.MaxValue))],
        ServiceDayHours = 24,
    };

    public static IncidentPolicy Incident { get; } = new()
    {
        ResolutionCodes = ["Fixed", "Workaround applied", "Change implemented", "No fault found", "User guidance given", "Duplicate", "Cannot resolve"],
        CauseCategories = ["Hardware failure", "Software defect", "Configuration error", "Capacity", "Network", "Supplier", "User error", "Security", "Unknown"],
        BreachCauses = ["Insufficient resources", "Supplier delay", "Waiting for change", "Wrong assignment", "Wrong priority", "Other"],
        UpdateIntervals = new()
        {
            [Priority.P1] = new(1, SpanUnit.Hours),
            [Priority.P2] = new(4, SpanUnit.Hours),
            [Priority.P3] = new(1, SpanUnit.Days),
            [Priority.P4] = null,
            [Priority.P5] = null,
        },
        Routing =
        [
            new("Network", null, "grp-network"),
            new("Access", null, "grp-identity"),
            new("Security", null, "grp-security"),
            new("Software > Email", null, "grp-messaging"),
            new("Hardware", null, "grp-desktop"),
            new(null, "svc-payroll", "grp-business-apps"),
        ],
    };

    public static CategoryTreePolicy Categories { get; } = new()
    {
        Categories =
        [
            new("Hardware", ["Laptop or desktop", "Printer", "Phone or mobile", "Peripheral"]),
            new("Software", ["Email", "Office apps", "Business application", "Operating system"]),
            new("Network", ["Connectivity", "VPN", "Wi-Fi"]),
            new("Access", ["Password or account", "Permissions", "Multi-factor sign-in"]),
            new("Security", ["Phishing", "Malware", "Data disclosure", "Lost or stolen device"]),
            new("Capacity/Performance", ["Slowness", "Storage full"]),
            new("Data", ["Data loss", "Data error", "Backup or restore"]),
            new("User knowledge", ["How-to", "Training"]),
            new("Other", ["Other"]),
        ],
    };
}
