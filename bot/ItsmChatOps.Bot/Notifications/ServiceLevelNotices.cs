using System.Globalization;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Client.Reporting;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;
using static ItsmChatOps.Bot.Notifications.NotificationKit;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Service level alerts (SLM-09, SLM-10): a warning as a target's time runs out and a breach when it passes, to
/// whoever the API names (the assignee or the group; on a breach also the lead, the incident managers and the
/// SLA's contacts for P1 and P2); and the daily at-risk digest to each member of a group (RPT-03).
/// </summary>
public sealed class ServiceLevelNotices(NotificationKit kit, ServiceLevelFlows serviceLevels, Catalog catalog) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("SlaWarning", (e, p, ct) => AlertAsync(SlaAlertKind.Warning, e, p, ct))
        .On("SlaBreached", (e, p, ct) => AlertAsync(SlaAlertKind.Breached, e, p, ct))
        .On("AtRiskDigest", DigestAsync);

    private async Task AlertAsync(SlaAlertKind kind, EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        var share = double.TryParse(Data(e, "share"), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1.0;
        var dueAt = DateTimeOffset.TryParse(Data(e, "dueAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var due) ? due : e.At;
        var card = new SlaAlertCard(kind, await kit.Views.OfAsync(kit.SessionFor(person), incident, cancellationToken), Data(e, "target") ?? "Resolution",
            (int)Math.Round(share * 100), dueAt);
        await kit.SendAsync(person, Reply.Show(card), cancellationToken);
    }

    private async Task DigestAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var items = e.Data?["items"]?.Deserialize<IReadOnlyList<AtRiskItem>>(ItsmJson.Options) ?? [];
        if (items.Count == 0)
        {
            return;
        }

        var session = kit.SessionFor(person);
        var scope = await catalog.GroupNameAsync(session, Data(e, "groupId"), cancellationToken) ?? "your team";
        await kit.SendAsync(person, Reply.Show(await serviceLevels.AtRiskCardAsync(session, scope, items, isDigest: true, cancellationToken)), cancellationToken);
    }
}
