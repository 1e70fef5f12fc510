using ItsmChatOps.Api.Client;

namespace ItsmChatOps.Api.Incidents.Intake;

/// <summary>
/// Words that point to a category, to an impact or urgency, or to a security issue, used to prefill the
/// incident form from what a person typed. Configurable like every policy; services carry their own keywords.
/// </summary>
public sealed record IntakePolicy
{
    public required List<CategoryCue> Categories { get; init; }
    public required Dictionary<Impact, List<string>> ImpactCues { get; init; }
    public required Dictionary<Urgency, List<string>> UrgencyCues { get; init; }
    public required List<string> SecurityCues { get; init; }

    public static IntakePolicy Default { get; } = new()
    {
        Categories =
        [
            new("Software > Email", ["email", "e-mail", "outlook", "inbox", "mailbox", "calendar", "meeting invite", "attachment", "bounce"]),
            new("Software > Office apps", ["word", "excel", "powerpoint", "onenote", "teams", "office"]),
            new("Software > Business application", ["payroll", "payslip", "crm", "application", "app crashes"]),
            new("Software > Operating system", ["windows update", "blue screen", "reboot loop", "operating system"]),
            new("Network > VPN", ["vpn", "remote access", "tunnel", "globalprotect", "anyconnect"]),
            new("Network > Wi-Fi", ["wifi", "wi-fi", "wireless", "hotspot"]),
            new("Network > Connectivity", ["internet", "network", "ethernet", "no connection", "offline", "cable"]),
            new("Hardware > Printer", ["printer", "print", "printing", "toner", "paper jam"]),
            new("Hardware > Laptop or desktop", ["laptop", "desktop", "computer", "pc", "screen", "monitor", "keyboard", "mouse", "battery", "dock"]),
            new("Hardware > Phone or mobile", ["phone", "mobile", "iphone", "android", "tablet"]),
            new("Access > Password or account", ["password", "locked out", "login", "log in", "sign in", "account", "reset"]),
            new("Access > Multi-factor sign-in", ["mfa", "authenticator", "2fa", "two factor", "verification code"]),
            new("Access > Permissions", ["access denied", "permission", "no access", "shared folder", "forbidden"]),
            new("Security > Phishing", ["phishing", "suspicious email", "strange email", "scam", "fake invoice", "clicked a link"]),
            new("Security > Malware", ["virus", "malware", "ransomware", "trojan", "popups"]),
            new("Security > Lost or stolen device", ["lost my", "stolen", "left my laptop"]),
            new("Capacity/Performance > Slowness", ["slow", "sluggish", "takes forever", "lag", "freezes", "timeout"]),
            new("Capacity/Performance > Storage full", ["disk full", "storage full", "no space", "quota", "mailbox full"]),
            new("User knowledge > How-to", ["how do i", "how to", "where can i", "can you show me"]),
        ],
        ImpactCues = new()
        {
            [Impact.High] = ["everyone", "everybody", "nobody", "no one", "whole company", "all users", "entire office", "whole office", "the office", "all staff", "company-wide", "outage", "all of us"],
            [Impact.Medium] = ["our team", "whole team", "my team", "department", "several people", "colleagues", "we all", "we can't", "we cannot"],
            [Impact.Low] = ["my", "just me", "only me", "i can't", "i cannot"],
        },
        UrgencyCues = new()
        {
            [Urgency.High] = ["urgent", "asap", "right now", "immediately", "can't work", "cannot work", "emergency", "critical", "blocked", "deadline today"],
            [Urgency.Medium] = ["today", "this afternoon", "before end of day", "soon"],
            [Urgency.Low] = ["no rush", "not urgent", "whenever", "when you can", "workaround", "next week"],
        },
        SecurityCues = ["phishing", "suspicious", "scam", "virus", "malware", "ransomware", "hacked", "clicked a link", "stolen", "data leak", "strange email", "fake invoice"],
    };
}

public sealed record CategoryCue(string Category, List<string> Keywords);
