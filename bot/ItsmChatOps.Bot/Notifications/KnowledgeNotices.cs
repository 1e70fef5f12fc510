using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;
using static ItsmChatOps.Bot.Notifications.NotificationKit;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Knowledge pushed to the people who need it. INC-09: whoever will work a new incident gets its "Suggested fixes" card,
/// read as them, with "Apply to incident"; nothing is sent when nothing they may read matches. PRB-08 / KB-05: when a
/// known error is published, the staff on its open incidents, the service desk and the service owners get the
/// known-error card (with "Apply to incident" for an incident assigned to them), and reporters get the problem
/// manager's customer-visible words about their own incident, never the internal record.
/// </summary>
public sealed class KnowledgeNotices(NotificationKit kit, ILogger<KnowledgeNotices> logger) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("FixesSuggested", FixesSuggestedAsync)
        .On("KnownErrorAnnounced", KnownErrorAnnouncedAsync);

    private async Task FixesSuggestedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        try
        {
            if (await KnowledgeFlow.IncidentFixesAsync(session, e.RecordId, cancellationToken) is { } card)
            {
                await kit.SendAsync(person, Reply.Show(card), cancellationToken);
            }
        }
        catch (ItsmApiException hidden) when (hidden.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            logger.LogInformation("{PersonId} may not see the suggestions for {IncidentId}; nothing sent", person.Id, e.RecordId);
        }
    }

    private async Task KnownErrorAnnouncedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var session = kit.SessionFor(person);
        var incidents = new List<Api.Client.Incidents.IncidentResponse>();
        foreach (var id in IncidentIds(e))
        {
            try
            {
                incidents.Add(await session.GetIncidentAsync(id, cancellationToken));
            }
            catch (ItsmApiException hidden) when (hidden.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                // Not theirs: it is not mentioned to them.
            }
        }

        if (person.Roles.Count == 0 || incidents.Any(i => i.ReporterId == person.Id && i.AssigneeId != person.Id))
        {
            var own = incidents.FirstOrDefault(i => i.ReporterId == person.Id);
            if (own is not null)
            {
                await kit.SendAsync(person, Notice(MessageKind.Info, $"News about {own.Id}", Data(e, "customerText") ?? string.Empty, Named(own), own.Id), cancellationToken);
            }

            if (person.Roles.Count == 0)
            {
                return; // customers never get the internal record
            }
        }

        KnownErrorResponse error;
        try
        {
            error = await session.GetKnownErrorAsync(e.RecordId, cancellationToken);
        }
        catch (ItsmApiException hidden) when (hidden.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return;
        }

        var mine = incidents.FirstOrDefault(i => i.AssigneeId == person.Id);
        await kit.SendAsync(person, Reply.Show(Card(error, mine?.Id)), cancellationToken);
    }

    public static KnownErrorCard Card(KnownErrorResponse error, string? incidentId) => new(
        error.Id,
        error.Title,
        StateText(error.State),
        error.Symptoms,
        error.Workaround,
        error.AffectedServiceIds,
        error.LinkedIncidentCount,
        error.LinkedIncidentsLast30Days,
        error.Workaround is null ? null : incidentId,
        error.WorkaroundKbId);

    public static string StateText(KnownErrorState state) => state switch
    {
        KnownErrorState.Draft => "Draft: not yet visible to the service desk",
        KnownErrorState.Published => "Published: a fix is being worked on",
        KnownErrorState.FixScheduled => "Fix scheduled",
        KnownErrorState.FixDeployed => "Fix deployed: watch for recurrences",
        KnownErrorState.Accepted => "Accepted: no fix planned, the workaround stays",
        _ => "Closed",
    };

    private static IEnumerable<string> IncidentIds(EventResponse e) =>
        e.Data?["incidentIds"] is JsonArray ids ? ids.OfType<JsonValue>().Select(v => v.GetValue<string>()) : [];
}
