using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// What the notice classes share: reading as the recipient (so the API shows them only what they may see,
/// SEC-03), telling stakeholders from staff, sending, and the staff notice card.
/// </summary>
public sealed class NotificationKit(ItsmApiClient api, ProactiveSender sender, IncidentViews views, ILogger<NotificationKit> logger)
{
    public ItsmApiClient Api => api;

    public ProactiveSender Sender => sender;

    public IncidentViews Views => views;

    /// <summary>Calls as the recipient: what they may not see stays hidden from the message too.</summary>
    public ItsmApiSession SessionFor(PersonResponse person) => api.For(ActingUser.Person(person.Id, Channel.System));

    public Task<IncidentResponse> IncidentAsync(EventResponse domainEvent, PersonResponse person, CancellationToken cancellationToken) =>
        SessionFor(person).GetIncidentAsync(domainEvent.RecordId, cancellationToken);

    /// <summary>The reporter, watchers and affected people (who get progress cards), as opposed to staff working it (who get notices).</summary>
    public static bool IsStakeholder(IncidentResponse incident, PersonResponse person) =>
        incident.ReporterId == person.Id || incident.WatcherIds.Contains(person.Id) || person.Roles.Count == 0;

    public async Task<Delivery> SendAsync(PersonResponse person, Reply reply, CancellationToken cancellationToken)
    {
        if (await sender.ReachAsync(person.Id, cancellationToken) is not { } reach)
        {
            logger.LogInformation("Person {PersonId} has never talked to the bot, so there is no conversation to tell them in", person.Id);
            return Delivery.Undeliverable(NoConversation);
        }

        return await sender.SendAsync(reach, reply, cancellationToken);
    }

    public const string NoConversation = "The person has no chat conversation with the bot yet.";

    public async Task<Reply> UpdateAsync(IncidentUpdateKind kind, EventResponse domainEvent, PersonResponse person, IncidentResponse incident, string? detail,
        CancellationToken cancellationToken) =>
        Reply.Show(new IncidentUpdateCard(kind, await views.OfAsync(SessionFor(person), incident, cancellationToken), detail, domainEvent.At));

    /// <summary>A notice for staff (or a short message to anyone) with a button that opens the incident.</summary>
    public static Reply Notice(MessageKind kind, string title, string text, string? detail, string incidentId) =>
        Reply.Show(new MessageCard(kind, title, text, string.IsNullOrWhiteSpace(detail) ? null : detail,
            new MessageAction("View incident", CardVerbs.IncidentView, new Dictionary<string, string> { ["incidentId"] = incidentId })));

    /// <summary>A member of the event's data as text (numbers included), or null when absent or blank.</summary>
    public static string? Data(EventResponse domainEvent, string name) => domainEvent.Data?[name] switch
    {
        System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : text,
        System.Text.Json.Nodes.JsonValue value => value.ToJsonString(),
        _ => null,
    };

    /// <summary>How an incident is named in a notice: its number, and its summary unless it is restricted.</summary>
    public static string Named(IncidentResponse incident) =>
        incident.Security ? incident.Id : $"{incident.Id}: {incident.Summary}";
}
