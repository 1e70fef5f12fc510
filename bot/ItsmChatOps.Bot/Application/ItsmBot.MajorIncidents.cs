using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.Protocol;
using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// Major incidents in chat (MAJ-01 … MAJ-08): declare from an incident card; in the war room <c>update</c>,
/// <c>handover</c>, <c>accept</c>, <c>log</c> (or a reaction on any message), <c>link</c> and <c>resolve</c>;
/// accept a handover or join as a child from the cards people are sent.
/// </summary>
public sealed partial class ItsmBot
{
    private const int MaxTimelineText = 4000;
    private static readonly string[] RoomCommands = ["update", "handover", "accept", "log", "link", "resolve"];

    private void MapMajorIncidents()
    {
        OnCardAction(Verbs.MajorDeclare, AsPerson(DeclareMajorAsync));
        OnCardAction(Verbs.MajorUpdate, AsPerson(PostMajorUpdateAsync));
        OnCardAction(Verbs.MajorAccept, AsPerson(AcceptMajorAsync));
        OnCardAction(Verbs.MajorJoin, AsPerson(JoinMajorAsync));
        OnCardAction(Verbs.MajorAcknowledge, AsPerson(AcknowledgeMajorAsync));
        OnCardAction(Verbs.MajorReviewSubmit, AsPerson(SubmitReviewAsync));
        OnCardAction(Verbs.MajorReviewApprove, AsPerson(ApproveReviewAsync));
        OnActivity(IsRoomCommand, AsPerson(RoomCommandAsync));
        OnMessageReaction(AsPerson(ReactionAsync));
    }

    /// <summary>Room commands are read in shared conversations only: in a 1:1 chat "update …" is still someone describing a problem.</summary>
    private static bool IsRoomCommand(TurnContext turn) =>
        turn.Activity.Type == ActivityTypes.Message && turn.Activity.Conversation is { } c && (c.IsGroup == true || c.ConversationType == "channel")
        && RoomCommands.Any(command => turn.Text.Equals(command, StringComparison.OrdinalIgnoreCase) || turn.Text.StartsWith(command + " ", StringComparison.OrdinalIgnoreCase));

    private async Task<CardActionResult> DeclareMajorAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Major.DeclareAsync(user, Required(action, "incidentId"), Input(action, "reason"), cancellationToken));

    private async Task<CardActionResult> PostMajorUpdateAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        var minutes = int.TryParse(Input(action, "nextUpdateInMinutes"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : (int?)null;
        var update = new UpdateSubmission(Input(action, "status"), Input(action, "businessImpact"), Input(action, "actions"), Input(action, "workaround"), minutes);
        return Replace(await flows.Major.PostUpdateAsync(user, Required(action, "majorIncidentId"), update, cancellationToken));
    }

    private async Task<CardActionResult> AcceptMajorAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Major.AcceptAsync(user, Required(action, "majorIncidentId"), cancellationToken));

    private async Task<CardActionResult> JoinMajorAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Major.LinkAsync(user, Required(action, "majorIncidentId"), IncidentNumber(Input(action, "incidentId")), joining: true, cancellationToken));

    /// <summary>MAJ-07, SLM-13: the person asked to acknowledge does so from the update card; the card says so in place.</summary>
    private async Task<CardActionResult> AcknowledgeMajorAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Major.AcknowledgeAsync(user, Required(action, "majorIncidentId"),
            int.TryParse(Input(action, "number"), System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null, cancellationToken));

    /// <summary>MAJ-09: the review card's inputs, action rows numbered 1…n.</summary>
    private async Task<CardActionResult> SubmitReviewAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        var rows = Enumerable.Range(1, Cards.ViewModels.MajorIncidentReviewCard.ActionRows).Select(n => new Cards.ViewModels.ReviewDraftAction(n,
            Input(action, $"action{n}Text"), Input(action, $"action{n}Owner"), Input(action, $"action{n}Due"), Input(action, $"action{n}Problem"))).ToList();
        var submission = new ReviewSubmission(Input(action, "whatWorked"), Input(action, "whatDidNotWork"), Input(action, "rootCauseKnown"), rows);
        return Replace(await flows.Reviews.SubmitAsync(user, Required(action, "majorIncidentId"), submission, cancellationToken));
    }

    private async Task<CardActionResult> ApproveReviewAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Reviews.ApproveAsync(user, Required(action, "majorIncidentId"), cancellationToken));

    private async Task RoomCommandAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken)
    {
        if (await flows.Rooms.MajorIncidentOfAsync(turn.Activity.Conversation?.Id, cancellationToken) is not { } majorId)
        {
            await turn.SendAsync(MajorIncidentFlows.NotInARoom, cancellationToken);
            return;
        }

        await flows.Rooms.RememberMessageAsync(turn.Activity.Conversation!.Id, turn.Activity.Id, turn.Text, cancellationToken);
        var argument = ArgumentOf(turn);
        var reply = turn.Text.Split(' ', 2)[0].ToLowerInvariant() switch
        {
            "update" => await flows.Major.UpdateFormAsync(user, majorId, cancellationToken),
            "handover" => await flows.Major.HandoverAsync(user, majorId, turn, argument, cancellationToken),
            "accept" => await flows.Major.AcceptAsync(user, majorId, cancellationToken),
            "log" => await flows.Major.LogAsync(user, majorId, argument, TimelineSource.Command, null, cancellationToken),
            "link" => await flows.Major.LinkAsync(user, majorId, IncidentNumber(argument), joining: false, cancellationToken),
            _ => await flows.Major.ResolveAsync(user, majorId, argument, cancellationToken),
        };
        await SendAsync(turn, reply, cancellationToken);
    }

    /// <summary>A reaction on a message in the war room puts that message on the timeline, with its link (MAJ-05); reactions elsewhere do nothing.</summary>
    private async Task ReactionAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.ReactionsAdded is not { Count: > 0 } added || activity.ReplyToId is not { } messageId
            || await flows.Rooms.MajorIncidentOfAsync(activity.Conversation?.Id, cancellationToken) is not { } majorId)
        {
            return;
        }

        // Where the channel lets the bot read the message back (Slack), its words go on the timeline; otherwise a pointer to it.
        var message = await turn.GetMessageAsync(messageId, cancellationToken);
        var link = message?.Link ?? (activity.ChannelId == "msteams"
            ? $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(activity.Conversation!.Id)}/{Uri.EscapeDataString(messageId)}"
            : null);
        var text = message is { Text.Length: > 0 } read
            ? (read.Text.Length <= MaxTimelineText ? read.Text : read.Text[..(MaxTimelineText - 1)] + "…")
            : await flows.Rooms.MessageTextAsync(activity.Conversation!.Id, messageId, cancellationToken) is { } said
            ? $"{said} (marked by {user.DisplayName} with {added[0].Type})"
            : $"{user.DisplayName} marked message {messageId} for the timeline ({added[0].Type}).";
        var reply = await flows.Major.LogAsync(user, majorId, text, TimelineSource.Reaction, link, cancellationToken);
        if (reply is Reply.Text { Value: not "Added to the timeline." })
        {
            await SendAsync(turn, reply, cancellationToken);
        }
    }
}
