using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Benchmarks.Data;

/// <summary>What people report to a service desk, as requests the bot would send: the create bodies and the synthetic history use them.</summary>
public static class IncidentSamples
{
    private static readonly (string Category, string Service, string Summary, string Detail)[] Reports =
    [
        ("Software > Email", "svc-email", "Outlook keeps asking for my password", "Since this morning Outlook prompts for my password every few minutes, even after I type it correctly. Webmail works."),
        ("Software > Email", "svc-email", "Shared mailbox missing from Outlook", "The Finance shared mailbox disappeared from my folder list after the weekend. Colleagues still see it."),
        ("Network > VPN", "svc-vpn", "VPN disconnects every 10 minutes", "Working from home, the VPN client drops the tunnel roughly every ten minutes and reconnecting takes a while."),
        ("Network > Wi-Fi", "svc-network", "No Wi-Fi on the third floor", "Laptops on the third floor east wing cannot join the corporate network; the network is visible but authentication fails."),
        ("Access > Password or account", "svc-workplace", "Account locked after password change", "I changed my password yesterday and now my account locks as soon as I sign in on my phone."),
        ("Access > Multi-factor sign-in", "svc-workplace", "Authenticator app not prompting", "The authenticator app no longer shows sign-in requests, so I cannot approve them and cannot sign in."),
        ("Hardware > Printer", "svc-workplace", "Printer on floor 2 jams on every job", "The shared printer next to the kitchen jams on every print job and shows error 13.B2."),
        ("Hardware > Laptop or desktop", "svc-workplace", "Laptop will not boot after update", "After last night's update my laptop shows a blue screen with INACCESSIBLE_BOOT_DEVICE and restarts."),
        ("Software > Business application", "svc-crm", "CRM search returns no results", "Searching for customers in the CRM returns nothing since 9:00, for every name we try; record links still open."),
        ("Software > Business application", "svc-payroll", "Payroll export fails with timeout", "The monthly payroll export stops after five minutes with a timeout message; we need it before the cut-off."),
        ("Capacity/Performance > Slowness", "svc-crm", "CRM pages take 30 seconds to load", "Every page of the CRM takes around thirty seconds to load for the whole sales team in Leeds."),
        ("Software > Office apps", "svc-workplace", "Excel crashes when opening large files", "Excel closes without a message when I open the quarterly forecast workbook (about 40 MB)."),
    ];

    private static readonly (Impact Impact, Urgency Urgency)[] Severities =
    [
        (Impact.Low, Urgency.Low), (Impact.Low, Urgency.Medium), (Impact.Medium, Urgency.Medium), (Impact.Medium, Urgency.Low),
        (Impact.Medium, Urgency.High), (Impact.High, Urgency.Medium), (Impact.Low, Urgency.High), (Impact.High, Urgency.High),
    ];

    public static int Count => Reports.Length * Severities.Length;

    /// <summary>The n-th request, cycling through every report at every severity.</summary>
    public static CreateIncidentRequest Request(long n, string? messageId = null)
    {
        var report = Reports[n % Reports.Length];
        var severity = Severities[n / Reports.Length % Severities.Length];
        return new CreateIncidentRequest
        {
            Summary = report.Summary,
            Description = report.Detail,
            ServiceId = report.Service,
            Category = report.Category,
            Impact = severity.Impact,
            Urgency = severity.Urgency,
            Location = "Leeds, 3rd floor",
            BusinessArea = "Finance",
            ChatMessage = messageId is null ? null : new ChatMessageReference("19:meeting_bench@thread.v2", messageId, null),
        };
    }
}
