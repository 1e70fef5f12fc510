using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Cards.ViewModels;
using static ItsmChatOps.Bot.Notifications.NotificationKit;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Notices for the people working incidents: a reopened or escalated incident, a missed update, an
/// impact to reassess, a closure the timer could not make, a message that did not reach the reporter
/// (the service desk then contacts them, INC-05), a security flag change and a resumed hold.
/// </summary>
public sealed class StaffNotices(NotificationKit kit) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("IncidentReopened", (e, p, ct) => NoticeAsync(e, p, MessageKind.Warning, id => $"{id} is not fixed", e2 => Quote(Data(e2, "reason")), ct))
        .On("IncidentResumed", (e, p, ct) => NoticeAsync(e, p, MessageKind.Info, id => $"{id} is back in progress", _ => "The hold has ended.", ct))
        .On("IncidentEscalated", (e, p, ct) => NoticeAsync(e, p, MessageKind.Warning, id => $"{id} was escalated to you", e2 => Data(e2, "reason"), ct))
        .On("UpdateReminderDue", (e, p, ct) => NoticeAsync(e, p, MessageKind.Warning, id => $"{id} needs an update for the customer",
            _ => "Nobody has told the reporter anything for a while. Add a customer-visible note to keep them informed.", ct))
        .On("ImpactReassessmentSuggested", (e, p, ct) => NoticeAsync(e, p, MessageKind.Info, id => $"{id} affects {Data(e, "affectedCount") ?? "many"} people",
            _ => "Please check whether its impact should be raised.", ct))
        .On("AutoCloseBlocked", (e, p, ct) => NoticeAsync(e, p, MessageKind.Warning, id => $"{id} could not close by itself",
            e2 => $"{Data(e2, "reason")} Please contact the reporter.".Trim(), ct))
        .On("NotificationFailed", (e, p, ct) => NoticeAsync(e, p, MessageKind.Warning, id => $"We couldn't reach the reporter of {id}",
            e2 => $"The {Words(Data(e2, "kind"))} did not reach them. Please contact them another way. {Data(e2, "detail")}".Trim(), ct))
        .On("SecurityFlagChanged", (e, p, ct) => NoticeAsync(e, p, MessageKind.Warning, id => $"{id}: security restriction changed",
            _ => "Check who can see it now.", ct));

    private async Task NoticeAsync(EventResponse e, PersonResponse person, MessageKind kind, Func<string, string> title, Func<EventResponse, string?> detail,
        CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        await kit.SendAsync(person, Notice(kind, title(incident.Id), Named(incident), detail(e), incident.Id), cancellationToken);
    }

    private static string? Quote(string? text) => text is null ? null : $"Why: \"{text}\"";

    private static string Words(string? deliveryKind) => deliveryKind switch
    {
        "ConfirmationRequest" => "request to confirm the fix",
        "ResolutionExplanation" => "explanation of why it cannot be resolved",
        _ => "message",
    };
}
