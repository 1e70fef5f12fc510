using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.WarRooms;

namespace ItsmChatOps.Bot.Flows;

/// <summary>What someone typed or filled in for a stakeholder update (MAJ-06).</summary>
public sealed record UpdateSubmission(string? Status, string? BusinessImpact, string? Actions, string? Workaround, int? NextUpdateInMinutes);

/// <summary>
/// Running a major incident from chat (MAJ-01 … MAJ-08): declare from an incident card, then in the war room post
/// updates, hand over the manager role, add to the timeline, link children and mark service restored. Every rule is
/// the API's; these flows call it as the person and answer in plain words, including its refusals.
/// </summary>
public sealed class MajorIncidentFlows(ItsmApiClient api, WarRoomFlow rooms, HandoverTargets targets)
{
    public const string NotInARoom = "That works in a major incident's war room. Declare a major incident from its incident card to open one.";

    /// <summary>The person declares and becomes the manager; the war room opens and its card (with the link) replaces the incident card.</summary>
    public async Task<CardReply> DeclareAsync(ChatUser user, string incidentId, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            var declared = await user.Session(api).DeclareMajorIncidentAsync(new DeclareMajorIncidentRequest
            {
                IncidentId = incidentId, ManagerId = user.PersonId, Reason = reason,
            }, cancellationToken);
            MajorIncidentResponse opened;
            string notice;
            try
            {
                opened = await rooms.EnsureOpenAsync(declared.Id, user.PersonId, cancellationToken);
                notice = opened.WarRoom is null ? "The war room is being opened; its link follows." : "Open the war room to coordinate; everyone affected is kept informed.";
            }
            catch (WarRoomUnavailableException refused)
            {
                (opened, notice) = (declared, $"{declared.Id} is declared, but its war room could not be opened: {refused.Message}");
            }

            var card = Reply.Show(new MajorIncidentHeadlineCard(await rooms.ViewAsync(opened, cancellationToken), notice));
            return new CardReply(card, card);
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    public Task<Reply> UpdateFormAsync(ChatUser user, string majorIncidentId, CancellationToken cancellationToken) => Answer(async () =>
    {
        var major = await user.Session(api).GetMajorIncidentAsync(majorIncidentId, cancellationToken);
        return Reply.Show(new MajorIncidentUpdateFormCard(major.Id, major.IncidentId, 30));
    });

    /// <summary>MAJ-06: the API fans the update out (room, service desk, affected people, SLA contacts); the headline follows from its event.</summary>
    public Task<Reply> PostUpdateAsync(ChatUser user, string majorIncidentId, UpdateSubmission update, CancellationToken cancellationToken) => Answer(async () =>
    {
        var posted = await user.Session(api).PostStatusUpdateAsync(majorIncidentId, new PostStatusUpdateRequest
        {
            Status = update.Status, BusinessImpact = update.BusinessImpact, Actions = update.Actions, Workaround = update.Workaround,
            NextUpdateInMinutes = update.NextUpdateInMinutes,
        }, cancellationToken: cancellationToken);
        return Reply.Say($"Update {posted.Updates.Count} sent to the war room, the service desk and everyone affected. The next one is due at {posted.NextUpdateDue:HH:mm} UTC.");
    });

    /// <summary>
    /// MAJ-07, SLM-13: the person asked to acknowledge the major incident does so; the update card they clicked shows
    /// when, without the button. The API refuses anyone it did not ask.
    /// </summary>
    public async Task<CardReply> AcknowledgeAsync(ChatUser user, string majorIncidentId, int? number, CancellationToken cancellationToken)
    {
        try
        {
            var major = await user.Session(api).AcknowledgeMajorIncidentAsync(majorIncidentId, cancellationToken);
            var at = major.Escalations.FirstOrDefault(e => e.PersonId == user.PersonId)?.AcknowledgedAt;
            var acknowledged = $"Acknowledged by {user.DisplayName}" + (at is { } time ? $" at {time:HH:mm} UTC." : ".");
            if (number is null || major.Updates.FirstOrDefault(u => u.Number == number) is not { } update)
            {
                return Reply.Say(acknowledged);
            }

            return Reply.Show(UpdateCard(await rooms.ViewAsync(major, cancellationToken), update, askToAcknowledge: false, acknowledged));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>An update as its card shows it; the button to acknowledge is for people still asked to (MAJ-07).</summary>
    public static MajorIncidentUpdateCard UpdateCard(MajorIncidentView view, StatusUpdateView update, bool askToAcknowledge, string? acknowledged = null) =>
        new(view, update.Number, update.Status, update.BusinessImpact, update.Actions, update.Workaround, update.NextUpdateDue, update.At, askToAcknowledge, acknowledged);

    /// <summary>MAJ-03: offer the role; the current manager stays responsible until the other person accepts.</summary>
    public Task<Reply> HandoverAsync(ChatUser user, string majorIncidentId, Application.TurnContext turn, string? to, CancellationToken cancellationToken) => Answer(async () =>
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            return Reply.Say("Hand over to whom? Type **handover** and @mention them, or their ITSM id or email, for example *handover mia*.");
        }

        if (await targets.FindAsync(turn, user, to, cancellationToken) is not { } personId)
        {
            return Reply.Say($"I don't know who {to.Trim()} is in the service desk: @mention them, or use their ITSM id or email.");
        }

        var offered = await user.Session(api).OfferHandoverAsync(majorIncidentId, new OfferHandoverRequest { ToId = personId }, cancellationToken: cancellationToken);
        return Reply.Say($"Offered the manager role of {offered.Id} to {to.Trim()}. You stay responsible until they accept.");
    });

    public Task<Reply> AcceptAsync(ChatUser user, string majorIncidentId, CancellationToken cancellationToken) => Answer(async () =>
    {
        var accepted = await user.Session(api).AcceptHandoverAsync(majorIncidentId, cancellationToken);
        return Reply.Say($"You are now the manager of {accepted.Id}.");
    });

    /// <summary>MAJ-05: a line for the timeline, typed (<c>log …</c>) or taken from a reaction on a message.</summary>
    public Task<Reply> LogAsync(ChatUser user, string majorIncidentId, string? text, TimelineSource source, string? messageUrl, CancellationToken cancellationToken) =>
        Answer(async () =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return Reply.Say("What should go on the timeline? Type **log** and the text.");
            }

            await user.Session(api).AddTimelineEntryAsync(majorIncidentId, new AddTimelineEntryRequest { Text = text.Trim(), Source = source, MessageUrl = messageUrl },
                cancellationToken);
            return Reply.Say("Added to the timeline.");
        });

    /// <summary>MAJ-08: link an incident as a child (agents), or join one's own incident (its reporter, from the offer card).</summary>
    public Task<Reply> LinkAsync(ChatUser user, string majorIncidentId, string? incidentId, bool joining, CancellationToken cancellationToken) => Answer(async () =>
    {
        if (incidentId is null)
        {
            return Reply.Say("Which incident? Type **link** and its number, for example *link INC-000123*.");
        }

        var session = user.Session(api);
        var major = joining ? await session.JoinMajorIncidentAsync(majorIncidentId, incidentId, cancellationToken)
            : await session.LinkChildIncidentAsync(majorIncidentId, incidentId, cancellationToken);
        return Reply.Say(joining
            ? $"Your incident {incidentId} is now part of major incident {major.Id}. You'll get its updates."
            : $"{incidentId} is now a child of {major.Id}; its reporter gets the updates.");
    });

    /// <summary>Service is restored (§16.2 Declared → Restored); the review follows.</summary>
    public Task<Reply> ResolveAsync(ChatUser user, string majorIncidentId, string? note, CancellationToken cancellationToken) => Answer(async () =>
    {
        var restored = await user.Session(api).TransitionMajorIncidentAsync(majorIncidentId,
            new TransitionMajorIncidentRequest { To = MajorIncidentState.Restored, Reason = string.IsNullOrWhiteSpace(note) ? null : note }, cancellationToken: cancellationToken);
        return Reply.Say($"{restored.Id} is marked restored. Resolve {restored.IncidentId} with its fix, then write the review.");
    });

    private static async Task<Reply> Answer(Func<Task<Reply>> call)
    {
        try
        {
            return await call();
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }
}
