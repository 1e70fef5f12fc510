using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Knowledge;

namespace ItsmChatOps.KnowledgeEvaluation;

/// <summary>Plausible knowledge items around the sample KB, to measure search at a realistic size: applications × faults × details.</summary>
public static class SyntheticKnowledge
{
    private static readonly string[] Applications =
    [
        "Expenses", "Timesheets", "HR portal", "Intranet", "Jira", "Confluence", "SAP finance", "Power BI", "Tableau", "Zoom", "Adobe Acrobat", "Visio",
        "AutoCAD", "Salesforce", "ServiceNow", "DocuSign", "Workday", "Citrix Workspace", "Slack", "Miro", "Figma", "GitHub", "Azure DevOps", "Oracle EBS",
        "Sage accounts", "Xero", "Box", "Dropbox", "Zendesk", "HubSpot", "Mailchimp", "Asana", "Trello", "Smartsheet", "Qualtrics", "Concur travel",
        "Coupa procurement", "Kronos rota", "Epic records", "Blackbaud CRM",
    ];

    private static readonly (string Title, string Body)[] Faults =
    [
        ("{0} shows error {1} when saving", "Saving in {0} fails with error {1} when the session token has expired or the record is locked by another user. Reload the page, sign in again and retry; if the record is locked, ask the other user to close it."),
        ("{0} reports take long to load", "Large {0} reports over {2} rows load slowly during month end. Filter the report to one period, or schedule it to run overnight and email the result."),
        ("Cannot sign in to {0} after a password change", "{0} caches your old password for single sign-on. Sign out of all {0} sessions, clear the browser cookies for the {0} site and sign in again with the new password."),
        ("{0} export to Excel fails", "Exports from {0} to Excel fail when the result has more than {2} rows or the file name contains special characters. Split the export or export as CSV instead."),
        ("Install {0} on a new laptop", "{0} is installed from Company Portal. Search for {0}, select Install and restart when asked. Version {3} is the approved release."),
        ("Request a {0} licence", "{0} licences are requested in the self-service portal with your manager's approval. Licences are assigned within two working days; {0} then appears in your apps."),
        ("{0} crashes on start", "If {0} closes as soon as it opens, reset its settings by renaming the {0} profile folder, then update to version {3}. Crashes after an update are usually fixed by the next patch."),
        ("{0} notifications not arriving", "{0} notifications depend on the desktop notification settings. Allow notifications for {0} in Settings > System > Notifications and check focus assist is off."),
        ("{0} is unavailable for everyone", "When {0} is down for all users, check the status page and the supplier's service health. The service desk raises a major incident if it lasts more than {4} minutes."),
        ("Printing from {0} cuts off pages", "{0} prints with the wrong margins when the default paper size is Letter. Set A4 in the printer preferences and in {0}'s page setup."),
        ("{0} attachments will not upload", "Uploads to {0} fail for files larger than {5} MB or with blocked types such as .exe. Compress the file or share a OneDrive link instead."),
        ("{0} integration with Outlook missing", "The {0} add-in for Outlook can be disabled after an Office update. Enable it in File > Manage Add-ins; if it is not listed, reinstall {0} from Company Portal."),
        ("{0} is slow over the VPN", "{0} traffic goes through the VPN when you work remotely. Use the {0} web client, which is faster over home broadband, or connect to the nearest gateway."),
        ("{0} data looks out of date", "{0} refreshes its data every {4} minutes. Use Refresh in {0} to get the latest figures; if data is older than a day, the nightly import failed and IT must rerun it."),
        ("{0} asks for MFA every time", "{0} asks for MFA on each sign-in when the browser blocks its cookies. Allow cookies for the {0} site and tick 'Stay signed in'."),
        ("Move {0} files to a new owner", "When someone leaves, their {0} files are moved to their manager. Ask the service desk before the leaver's last day so nothing is deleted."),
        ("{0} shows the wrong time zone", "{0} takes the time zone from your profile, not from the laptop. Change it in {0} under Profile > Preferences > Time zone."),
        ("{0} permissions for a new starter", "New starters get {0} access from their role. Managers can request extra {0} permissions through the access request form."),
        ("{0} training and user guides", "User guides and short videos for {0} are on the intranet learning page. Classroom training for {0} runs monthly; ask your manager to book it."),
        ("{0} mobile app will not sync", "The {0} mobile app stops syncing when the phone's date is wrong or the app is out of date. Update the app and sign out and in again."),
        ("{0} search returns no results", "{0} search needs its index rebuilt after large imports. Results appear again within {4} minutes; searching by exact ID works meanwhile."),
        ("{0} licence expired message", "An expired licence message in {0} means your licence was reclaimed after {6} days without use. Request it again in the self-service portal."),
        ("Duplicate records in {0}", "Duplicates in {0} come from imports run twice. Use the merge tool in {0}; administrators can bulk-merge duplicates on request."),
        ("{0} single sign-on loop", "If {0} keeps redirecting between sign-in pages, clear cookies for the sign-in site and {0}, then open {0} in a private window to confirm."),
        ("{0} is blocked by the browser", "Browsers may block {0} pop-ups. Allow pop-ups for the {0} site in the browser settings and reload."),
    ];

    private static readonly string[] Services = ["svc-email", "svc-payroll", "svc-vpn", "svc-workplace", "svc-network", "svc-crm"];

    public static IEnumerable<KnowledgeItem> Generate(int count, int firstNumber, KnowledgePolicy policy, DateTimeOffset now)
    {
        var random = new Random(20260302);
        for (var i = 0; i < count; i++)
        {
            var app = Applications[i % Applications.Length];
            var (title, body) = Faults[(i / Applications.Length) % Faults.Length];
            var variant = i / (Applications.Length * Faults.Length);
            object[] values = [app, $"E{random.Next(100, 999)}", random.Next(5, 50) * 1000, $"{random.Next(1, 12)}.{random.Next(0, 9)}", random.Next(2, 9) * 15, random.Next(1, 10) * 25, random.Next(3, 12) * 30];
            var seed = new KnowledgeSeeder.SeedItem(
                $"KB-{firstNumber + i:D6}",
                KnowledgeKind.Article,
                random.Next(4) == 0 ? KnowledgeAudience.Agents : KnowledgeAudience.Customers,
                string.Format(System.Globalization.CultureInfo.InvariantCulture, title, values) + (variant > 0 ? $" (edition {variant + 1})" : ""),
                string.Format(System.Globalization.CultureInfo.InvariantCulture, body, values),
                null, [Services[random.Next(Services.Length)]], null, null, null);
            yield return KnowledgeSeeder.ToItem(seed, now, policy);
        }
    }
}
