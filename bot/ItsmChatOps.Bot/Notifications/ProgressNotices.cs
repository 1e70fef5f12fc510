using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;
using static ItsmChatOps.Bot.Notifications.NotificationKit;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Progress on an incident (INC-11, INC-10, INC-12): the reporter, watchers and affected people get an
/// update card on assignment, state changes, a workaround, the resolution and customer-visible notes;
/// staff named by the event get a short notice with a button to the incident.
/// </summary>
public sealed class ProgressNotices(NotificationKit kit) : INotices
{
    public void Register(NotificationRoutes routes) => routes
        .On("IncidentCreated", CreatedAsync)
        .On("IncidentAssigned", AssignedAsync)
        .On("IncidentTaken", (e, p, ct) => StateChangedAsync(e, p, null, ct))
        .On("IncidentOnHold", (e, p, ct) => StateChangedAsync(e, p, Data(e, "reason") ?? "The team is waiting for something before they can go on.", ct))
        .On("IncidentCancelled", (e, p, ct) => StateChangedAsync(e, p, Data(e, "reason"), ct))
        .On("IncidentResolved", ResolvedAsync)
        .On("IncidentReprioritized", ReprioritizedAsync)
        .On("WorkaroundRecorded", WorkaroundAsync)
        .On("NoteAdded", NoteAsync);

    /// <summary>The caller an agent logged it for gets the created card (INC-02 b); the security manager a notice (SEC-03).</summary>
    private async Task CreatedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        var reply = incident.ReporterId == person.Id
            ? Reply.Show(new IncidentCreatedCard(await kit.Views.OfAsync(kit.SessionFor(person), incident, cancellationToken), Guid.NewGuid().ToString("N"),
                Flows.IncidentViews.Related(incident)))
            : Notice(MessageKind.Warning, $"Possible security incident {incident.Id}", $"{incident.Summary} (priority {incident.Priority}).",
                "Only the reporter, the security group, the security manager and auditors can see it.", incident.Id);
        await kit.SendAsync(person, reply, cancellationToken);
    }

    private async Task AssignedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        var reply = IsStakeholder(incident, person)
            ? await kit.UpdateAsync(IncidentUpdateKind.AssignedToGroup, e, person, incident, null, cancellationToken)
            : Notice(MessageKind.Info, incident.AssigneeId == person.Id ? $"{incident.Id} is assigned to you" : $"{incident.Id} is assigned to {Data(e, "groupName") ?? "your group"}",
                Named(incident), Data(e, "reason"), incident.Id);
        await kit.SendAsync(person, reply, cancellationToken);
    }

    /// <summary>A state it has already left is not news: the later change is told instead.</summary>
    private async Task StateChangedAsync(EventResponse e, PersonResponse person, string? detail, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        if (e.Changes.FirstOrDefault(c => c.Field == "state")?.New?.GetValue<string>() is { } reached && reached != incident.State.ToString())
        {
            return;
        }

        await kit.SendAsync(person, await kit.UpdateAsync(IncidentUpdateKind.StateChanged, e, person, incident, detail, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// INC-15: the reporter and the assigned group both hear of every resolution. The reporter hears it on the
    /// "is it fixed?" card that follows (with what was done), so watchers and affected people get this update.
    /// </summary>
    private async Task ResolvedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        if (incident.ReporterId == person.Id)
        {
            return;
        }

        var notes = Data(e, "notes") ?? incident.Resolution?.Notes;
        var reply = IsStakeholder(incident, person)
            ? await kit.UpdateAsync(IncidentUpdateKind.Resolved, e, person, incident, notes, cancellationToken)
            : Notice(MessageKind.Success, $"{incident.Id} is resolved", Named(incident), notes, incident.Id);
        await kit.SendAsync(person, reply, cancellationToken);
    }

    private async Task ReprioritizedAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        await kit.SendAsync(person, Notice(MessageKind.Info, $"{incident.Id} is now priority {incident.Priority}",
            $"{CardWords.PriorityMeaning(Enum.Parse<Priority>(incident.Priority.ToString()))}.", Data(e, "reason"), incident.Id), cancellationToken);
    }

    private async Task WorkaroundAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        await kit.SendAsync(person, await kit.UpdateAsync(IncidentUpdateKind.WorkaroundAvailable, e, person, incident, incident.Workaround, cancellationToken), cancellationToken);
    }

    /// <summary>INC-10: only customer-visible notes are ever sent; staff hear of a reporter's comment.</summary>
    private async Task NoteAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        if (e.Visibility != EventVisibility.Public || Data(e, "text") is not { } text)
        {
            return;
        }

        var incident = await kit.IncidentAsync(e, person, cancellationToken);
        var reply = IsStakeholder(incident, person)
            ? await kit.UpdateAsync(IncidentUpdateKind.NoteAdded, e, person, incident, text, cancellationToken)
            : Notice(MessageKind.Info, $"New comment on {incident.Id}", Named(incident), text, incident.Id);
        await kit.SendAsync(person, reply, cancellationToken);
    }
}
