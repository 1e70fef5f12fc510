using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.State;
using ApiState = ItsmChatOps.Api.Client.Incidents.IncidentState;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// Following one's incidents: the list, the status of one (SLM-19: state, team, due time, the at-risk
/// flag and customer-visible notes only), a comment, withdrawing it, and "me too" on a channel card (INC-12).
/// </summary>
public sealed class IncidentFlows(ItsmApiClient api, IncidentViews views, ChangeViews changes, CardMemory claims, TimeProvider time)
{
    private const int ListSize = 10;

    public async Task<Reply> MyIncidentsAsync(ChatUser user, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        var page = await session.ListIncidentsAsync(new IncidentQuery { Mine = true, Open = true, PageSize = ListSize }, cancellationToken);
        var rows = new List<IncidentView>();
        foreach (var incident in page.Items)
        {
            rows.Add(await views.OfAsync(session, incident, cancellationToken));
        }

        return Reply.Show(new IncidentListCard(rows, rows.Count));
    }

    /// <summary>The status card, or a plain refusal when the person may not see the incident (or it does not exist).</summary>
    public async Task<Reply> StatusAsync(ChatUser user, string incidentId, CancellationToken cancellationToken, string? notice = null)
    {
        var session = user.Session(api);
        try
        {
            return Reply.Show(await StatusCardAsync(user, await session.GetIncidentAsync(incidentId, cancellationToken), notice, cancellationToken));
        }
        catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return Reply.Say($"I can't show you {incidentId}: it doesn't exist, or it isn't one you reported, watch or are affected by.");
        }
    }

    public async Task<Reply> CommentAsync(ChatUser user, string incidentId, string cardKey, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Reply.Say("Please write your comment first.");
        }

        // The API adds a note per call: a double click on the same card with the same words is sent once.
        var once = BotStateKeys.Once(user.PersonId, "incident.comment", $"{cardKey}.{Hash(text)}");
        if (!await claims.TryClaimAsync(once, time.GetUtcNow(), cancellationToken))
        {
            return Reply.Say($"Your comment is already on {incidentId}.");
        }

        try
        {
            await user.Session(api).AddNoteAsync(incidentId, new AddNoteRequest(text.Trim(), NoteVisibility.Public), cancellationToken);
            return Reply.Say($"Thanks, I've added your comment to {incidentId}. The team will see it.");
        }
        catch (ItsmApiException refused)
        {
            await claims.ReleaseAsync(once, cancellationToken);
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>Withdraws the person's own new incident; an outdated card gets the current state back with a note.</summary>
    public async Task<Reply> WithdrawAsync(ChatUser user, string incidentId, string? etag, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            var incident = await session.TransitionAsync(incidentId,
                new TransitionIncidentRequest { To = ApiState.Cancelled, CancelReason = CancelReason.Withdrawn, Reason = "Withdrawn by the reporter in chat." },
                etag, cancellationToken);
            return Reply.Show(await StatusCardAsync(user, incident, $"You withdrew {incidentId}. Nobody will work on it now.", cancellationToken));
        }
        catch (ItsmApiException stale) when (stale.IsStale)
        {
            return await StatusAsync(user, incidentId, cancellationToken, Stale);
        }
        catch (ItsmApiException refused) when (refused.Status is not HttpStatusCode.NotFound)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>INC-12: the person is affected too and gets the updates; the channel card shows the new count to everyone.</summary>
    public async Task<CardReply> MeTooAsync(ChatUser user, string incidentId, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            var incident = await session.MeTooAsync(incidentId, cancellationToken);
            var card = Reply.Show(new IncidentChannelCard(await views.OfAsync(session, incident, cancellationToken), incident.AffectedCount + 1));
            return new CardReply(card, card);
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    public const string Stale = "This changed since the card was sent. Here is where it stands now.";

    private async Task<IncidentStatusCard> StatusCardAsync(ChatUser user, IncidentResponse incident, string? notice, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        var timeline = await session.TimelineAsync(incident.Id, cancellationToken);
        // SLM-19: only what the customer may read, whoever asks.
        var publicNotes = timeline.Where(e => e is { Kind: "NoteAdded", Visibility: Api.Client.Events.EventVisibility.Public }).OrderByDescending(e => e.At).Take(5).ToList();
        var authors = publicNotes.Count == 0 ? [] : (await api.DirectoryAsync(publicNotes.Select(e => e.ActorId).Distinct(), cancellationToken: cancellationToken))
            .ToDictionary(p => p.Id, p => p.DisplayName);
        var notes = publicNotes
            .Select(e => new IncidentNote(e.ActorId == user.PersonId ? "You" : authors.GetValueOrDefault(e.ActorId, "The service desk"), e.At, e.Data?["text"]?.GetValue<string>() ?? string.Empty))
            .ToList();
        var canWithdraw = incident.ReporterId == user.PersonId && incident.State == ApiState.New;
        var refresh = user.Account.Channel == Channel.Teams ? new[] { user.ChatUserId } : [];
        // A hint for who sees the button; the API decides who may declare (MAJ-02) and its refusal is shown in plain words.
        var staff = (await session.MeAsync(cancellationToken)).Roles.Count > 0;
        var canDeclareMajor = incident.State is not (ApiState.Closed or ApiState.Cancelled) && staff;
        // Staff raise changes from an incident and see the changes linked to it, both ways (CHG-01, CHG-15); the API decides who may.
        var linked = staff ? await changes.LinksAsync(session, incident.Id, cancellationToken, onlyPrefix: "CHG-") : [];
        return new IncidentStatusCard(await views.OfAsync(session, incident, cancellationToken), notes, canWithdraw, refresh, Guid.NewGuid().ToString("N"),
            IncidentViews.Related(incident), notice, canDeclareMajor, CanRaiseChange: staff && incident.State is not (ApiState.Closed or ApiState.Cancelled),
            LinkedChanges: linked.Count == 0 ? null : string.Join("; ", linked));
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.Trim())))[..16];
}
