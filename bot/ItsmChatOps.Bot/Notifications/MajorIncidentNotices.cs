using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.State;
using static ItsmChatOps.Bot.Notifications.NotificationKit;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Major incidents on the event feed: the declaration opens the war room (MAJ-05); what the room is told replaces
/// its headline card in place; updates reach each person the API named, once (MAJ-06, SLM-13); handovers, join
/// offers (MAJ-08), proposals (MAJ-01), escalations (MAJ-07) and reminders reach the people they concern.
/// </summary>
public sealed class MajorIncidentNotices(
    NotificationKit kit, WarRoomFlow rooms, MajorReviewFlow reviews, CardMemory claims, TimeProvider time, ILogger<MajorIncidentNotices> logger)
    : INotices
{
    private static readonly string[] RoomKinds =
    [
        "MajorIncidentUpdated", "ManagerHandoverAccepted", "ChildIncidentLinked", "ChildIncidentsResolved",
        "MajorIncidentDeclared", "MajorIncidentDowngraded", "MajorIncidentClosed",
    ];

    public void Register(NotificationRoutes routes)
    {
        routes
            .OnEvent("WarRoomRequested", OpenRoomAsync)
            .OnEvent("WarRoomArchiveRequested", (e, _, ct) => rooms.ArchiveAsync(e.RecordId, e.ActorId, ct))
            .OnRoom("MajorIncidentUpdatePosted", UpdateInRoomAsync)
            .On("MajorIncidentUpdatePosted", UpdateToPersonAsync)
            .On("ManagerHandoverOffered", (e, p, ct) => kit.SendAsync(p, Reply.Show(new MessageCard(MessageKind.Info,
                $"You're offered the manager role of {e.RecordId}", $"{Data(e, "incidentId")}: accept to take over; until then the current manager stays responsible.",
                Data(e, "note"), new MessageAction("Accept the role", CardVerbs.MajorAccept, new Dictionary<string, string> { ["majorIncidentId"] = e.RecordId }))), ct))
            .On("MajorIncidentJoinOffered", (e, p, ct) => kit.SendAsync(p, Reply.Show(new MessageCard(MessageKind.Info,
                "There's a major incident on this service", $"{Data(e, "summary")} ({e.RecordId}). Join it so you get its updates instead of waiting on your own incident.",
                null, new MessageAction("Join the major incident", CardVerbs.MajorJoin,
                    new Dictionary<string, string> { ["majorIncidentId"] = e.RecordId, ["incidentId"] = Data(e, "childIncidentId") ?? string.Empty }))), ct))
            .On("MajorIncidentProposed", (e, p, ct) => kit.SendAsync(p, Notice(MessageKind.Warning, $"{Data(e, "incidentId")} may be a major incident",
                $"{Data(e, "summary")}: {string.Join("; ", e.Data?["matchedRules"]?.AsArray().Select(r => r?.ToString()) ?? [])}.",
                "Open the incident to declare it, or reject the proposal with a reason.", Data(e, "incidentId") ?? string.Empty), ct))
            .On("MajorIncidentEscalated", (e, p, ct) => kit.SendAsync(p, Reply.Show(new MessageCard(MessageKind.Warning, $"Major incident {e.RecordId} declared",
                $"{Data(e, "incidentId")}: you are asked to acknowledge it.", null,
                new MessageAction("Acknowledge", CardVerbs.MajorAcknowledge, new Dictionary<string, string> { ["majorIncidentId"] = e.RecordId }))), ct))
            .On("MajorIncidentUpdateReminder", (e, p, ct) => NoticeAsync(e, p, MessageKind.Warning, $"{e.RecordId}: the next update is due soon",
                "Type **update** in the war room to post it.", ct))
            .On("MajorIncidentUpdateMissed", (e, p, ct) => NoticeAsync(e, p, MessageKind.Error, $"{e.RecordId}: an update was missed",
                $"{Data(e, "missedUpdates")} missed so far. Post one now from the war room.", ct))
            .On("WarRoomLinked", (e, p, ct) => NoticeAsync(e, p, MessageKind.Info, $"Join the war room of {e.RecordId}", $"Open {Data(e, "link")} to coordinate.", ct))
            .On("WarRoomInvited", (e, p, ct) => NoticeAsync(e, p, MessageKind.Info, $"You're invited to the war room of {e.RecordId}", $"Open {Data(e, "link")}.", ct));
        routes.OnRoom("MajorIncidentRestored", RestoredAsync);
        routes.OnEvent("MajorIncidentReviewPending", (e, _, ct) => PostReviewAsync(e, ct));
        foreach (var kind in RoomKinds)
        {
            routes.OnRoom(kind, RefreshAsync);
        }
    }

    /// <summary>Opens the room unless the declaration did already; a refusal that will not pass is logged, not tried again.</summary>
    private async Task OpenRoomAsync(EventResponse e, string? room, CancellationToken cancellationToken)
    {
        try
        {
            await rooms.EnsureOpenAsync(e.RecordId, Data(e, "managerId") ?? e.ActorId, cancellationToken);
        }
        catch (WarRooms.WarRoomUnavailableException refused)
        {
            logger.LogWarning(refused, "The war room of {MajorIncidentId} cannot be opened", e.RecordId);
        }
    }

    /// <summary>The update goes into the room as a card, and the headline shows it.</summary>
    private async Task UpdateInRoomAsync(EventResponse e, string? room, CancellationToken cancellationToken)
    {
        var major = await MajorAsync(e, cancellationToken);
        await rooms.PostAsync(major.Id, Reply.Show(await UpdateCardAsync(e, major, cancellationToken)), cancellationToken);
        await rooms.RefreshHeadlineAsync(major, cancellationToken);
    }

    /// <summary>
    /// One update goes out as one event per audience; someone in two of them (a service desk member who reported a child)
    /// still gets it once: the claim is per update and person, not per event.
    /// </summary>
    private async Task UpdateToPersonAsync(EventResponse e, PersonResponse person, CancellationToken cancellationToken)
    {
        var claim = BotStateKeys.Once(person.Id, "major-update", $"{e.RecordId}-{Data(e, "number")}");
        if (!await claims.TryClaimAsync(claim, time.GetUtcNow(), cancellationToken))
        {
            return;
        }

        try
        {
            var major = await MajorAsync(e, cancellationToken);
            var asked = major.Escalations.Any(x => x.PersonId == person.Id && x.AcknowledgedAt is null);
            await kit.SendAsync(person, Reply.Show(await UpdateCardAsync(e, major, cancellationToken) with { AskToAcknowledge = asked }), cancellationToken);
        }
        catch
        {
            await claims.ReleaseAsync(claim, CancellationToken.None); // tried again with the event
            throw;
        }
    }

    /// <summary>Service is restored: the headline says so, and the review card goes to the room and the manager (MAJ-09).</summary>
    private async Task RestoredAsync(EventResponse e, string? room, CancellationToken cancellationToken)
    {
        await RefreshAsync(e, room, cancellationToken);
        await PostReviewAsync(e, cancellationToken);
    }

    /// <summary>Once per major incident, whether it was restored by its manager or moved to ReviewPending when the parent closed.</summary>
    private async Task PostReviewAsync(EventResponse e, CancellationToken cancellationToken)
    {
        var claim = BotStateKeys.Once(e.RecordId, "major-review", e.RecordId);
        if (!await claims.TryClaimAsync(claim, time.GetUtcNow(), cancellationToken))
        {
            return;
        }

        try
        {
            var major = await MajorAsync(e, cancellationToken);
            var card = Reply.Show(await reviews.CardAsync(kit.Api.For(ActingUser.Person(e.ActorId, Channel.System)), major, cancellationToken));
            await rooms.PostAsync(major.Id, card, cancellationToken);
            if (major.ManagerId is { } managerId && await kit.Api.DirectoryAsync([managerId], cancellationToken: cancellationToken) is [var manager, ..])
            {
                await kit.SendAsync(manager, card, cancellationToken);
            }
        }
        catch
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
    }

    private async Task RefreshAsync(EventResponse e, string? room, CancellationToken cancellationToken) =>
        await rooms.RefreshHeadlineAsync(await MajorAsync(e, cancellationToken), cancellationToken);

    private Task<Delivery> NoticeAsync(EventResponse e, PersonResponse person, MessageKind kind, string title, string text, CancellationToken cancellationToken) =>
        kit.SendAsync(person, Notice(kind, title, text, null, Data(e, "incidentId") ?? string.Empty), cancellationToken);

    /// <summary>Read in the name of whoever acted (the manager or the incident manager): the people told may not see the record itself.</summary>
    private Task<MajorIncidentResponse> MajorAsync(EventResponse e, CancellationToken cancellationToken) =>
        kit.Api.For(ActingUser.Person(e.ActorId, Channel.System)).GetMajorIncidentAsync(e.RecordId, cancellationToken);

    private async Task<MajorIncidentUpdateCard> UpdateCardAsync(EventResponse e, MajorIncidentResponse major, CancellationToken cancellationToken)
    {
        var number = int.TryParse(Data(e, "number"), out var n) ? n : major.Updates.Count;
        var update = major.Updates.FirstOrDefault(u => u.Number == number) ?? major.Updates[^1];
        return MajorIncidentFlows.UpdateCard(await rooms.ViewAsync(major, cancellationToken), update, askToAcknowledge: false);
    }
}
