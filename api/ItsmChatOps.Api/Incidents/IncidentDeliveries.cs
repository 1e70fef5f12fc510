using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// What the outside world reports back: whether the bot's messages reached people (the INC-05 window
/// starts only once the confirmation request is delivered; INC-15 closure waits for the explanation),
/// and monitoring clear events (INC-06). Every report lands on the timeline.
/// </summary>
public static class IncidentDeliveries
{
    public static void Record(Incident incident, DeliveryReport report, string serviceId, IncidentSettings settings, DateTimeOffset now)
    {
        var actor = new Actor(Actor.SystemId, null, $"service:{serviceId}", Channel.System);
        var delivered = report.Delivered == true;
        var data = new JsonObject
        {
            ["kind"] = report.Kind.ToString(),
            ["delivered"] = delivered,
            ["eventId"] = report.EventId,
            ["recipients"] = new JsonArray((report.RecipientIds ?? []).Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["detail"] = report.Detail,
        };

        switch (report.Kind)
        {
            case DeliveryKind.ConfirmationRequest when incident is { State: IncidentState.Resolved, Confirmation: { DeliveredAt: null } confirmation }:
                incident.Confirmation = delivered ? confirmation with { DeliveredAt = now, DeliveryFailed = false } : confirmation with { DeliveryFailed = true };
                incident.NeedsServiceDeskContact = !delivered;
                break;
            case DeliveryKind.ResolutionExplanation when incident.Resolution is { ExplanationDeliveredAt: null } resolution:
                if (delivered)
                {
                    incident.Resolution = resolution with { ExplanationDeliveredAt = now };
                }
                else
                {
                    incident.NeedsServiceDeskContact = true;
                }

                break;
        }

        var followUp = !delivered && report.Kind != DeliveryKind.Notification;
        incident.Raise(actor, now, delivered ? "NotificationDelivered" : "NotificationFailed", EventVisibility.Internal,
            notify: followUp ? [Notify.Group(incident.OwnerGroupId ?? "grp-servicedesk")] : null, data: data);
    }

    /// <summary>INC-06: a clear event closes a resolved monitoring incident when the policy allows; otherwise it is recorded.</summary>
    public static void MonitoringCleared(Incident incident, Actor actor, IncidentSettings settings, DateTimeOffset now)
    {
        incident.LastClearedAt = now;
        if (incident.State == IncidentState.Resolved && settings.Rules.MonitoringConfirmation != Policies.MonitoringConfirmation.ServiceOwner)
        {
            IncidentLifecycle.Close(incident, ClosureMethod.MonitoringCleared, actor, "Monitoring sent a clear event.", null, null, settings, now);
            return;
        }

        incident.Raise(actor, now, "MonitoringCleared", EventVisibility.Internal, data: new JsonObject { ["state"] = incident.State.ToString() });
    }
}
