using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>The knowledge item lifecycle of §16.9 and its versioning (KB-05, KB-06), as plain code.</summary>
public static class KnowledgeRules
{
    private static readonly (KnowledgeState From, KnowledgeState To)[] Moves =
    [
        (KnowledgeState.Draft, KnowledgeState.InReview),
        (KnowledgeState.InReview, KnowledgeState.Draft),
        (KnowledgeState.InReview, KnowledgeState.Published),
        (KnowledgeState.Published, KnowledgeState.Retired),
    ];

    public static KnowledgeItem Create(string id, KnowledgeKind kind, KnowledgeContent content, string ownerId, Actor actor, DateTimeOffset now)
    {
        var item = new KnowledgeItem { Id = id, Kind = kind, Content = content, OwnerId = ownerId, State = KnowledgeState.Draft, CreatedAt = now, CreatedBy = actor.Id };
        item.Raise(actor, now, "KnowledgeItemCreated", EventVisibility.Internal,
            data: new JsonObject { ["kind"] = kind.ToString(), ["audience"] = content.Audience.ToString(), ["title"] = content.Title });
        item.ScheduleNextTimer();
        return item;
    }

    /// <summary>KB-06: a Draft is edited in place; editing a Published item starts (or continues) its next version.</summary>
    public static void Edit(KnowledgeItem item, Func<KnowledgeContent, KnowledgeContent> change, Caller caller, DateTimeOffset now) =>
        Edit(item, change, caller.Actor, now, KnowledgeAccess.CanPublish(caller, item) || item.CreatedBy == caller.Id || item.Revision?.AuthorId == caller.Id);

    public static void Edit(KnowledgeItem item, Func<KnowledgeContent, KnowledgeContent> change, Actor actor, DateTimeOffset now, bool mayEditWorkingCopy = true)
    {
        switch (item.State)
        {
            case KnowledgeState.Draft:
                RequireWorkingCopyEditor(mayEditWorkingCopy);
                item.Content = change(item.Content);
                break;
            case KnowledgeState.Published when item.Revision is null:
                item.Revision = new KnowledgeRevision(item.Version + 1, KnowledgeState.Draft, actor.Id, change(item.Content));
                break;
            case KnowledgeState.Published when item.Revision.State == KnowledgeState.Draft:
                RequireWorkingCopyEditor(mayEditWorkingCopy);
                item.Revision = item.Revision with { Content = change(item.Revision.Content) };
                break;
            default:
                throw Problems.Conflict($"{item.Id} is {(item.Revision is null ? item.State : $"Published with version {item.Revision.Version} in {item.Revision.State}")}: only drafts are edited.", "KB-06");
        }

        item.Raise(actor, now, "KnowledgeItemEdited", EventVisibility.Internal,
            data: new JsonObject { ["version"] = item.Revision?.Version ?? item.Version });
    }

    /// <summary>Moves the live item (or, with <paramref name="revision"/>, its next version) along §16.9.</summary>
    public static void Transition(KnowledgeItem item, TransitionKnowledgeRequest request, Caller caller, KnowledgePolicy policy, DateTimeOffset now, bool revision)
    {
        var to = request.To!.Value;
        var from = revision ? (item.Revision ?? throw Problems.Conflict($"{item.Id} has no version in progress.", "KB-06")).State : item.State;
        // KB-05: a known error's entry is published straight from Draft by the problem manager or an editor.
        var direct = item.Kind == KnowledgeKind.KnownError && from == KnowledgeState.Draft && to == KnowledgeState.Published;
        var allowed = (Moves.Contains((from, to)) || direct) && !(revision && to == KnowledgeState.Retired);
        if (!allowed)
        {
            throw Problems.IllegalTransition(from.ToString(), to.ToString(), "KB-06");
        }

        var author = revision ? item.Revision!.AuthorId : item.CreatedBy;
        switch (to)
        {
            case KnowledgeState.InReview when caller.Id != author && !KnowledgeAccess.IsEditor(caller):
                throw Problems.Forbidden("The author submits an item for review.", "KB-06");
            case KnowledgeState.Draft or KnowledgeState.Published or KnowledgeState.Retired when !KnowledgeAccess.CanPublish(caller, item):
                throw Problems.Forbidden(item.IsProblemKnowledge
                    ? "Knowledge editors and problem managers review, publish and retire known errors and workarounds."
                    : "Only knowledge editors review, publish and retire items.", "KB-06");
            case KnowledgeState.Draft or KnowledgeState.Retired when string.IsNullOrWhiteSpace(request.Reason):
                throw Problems.Unprocessable(to == KnowledgeState.Draft ? "Say what needs changing." : "Give the reason for retiring the item.", "KB-06", "reason");
        }

        if (to == KnowledgeState.Published)
        {
            Publish(item, caller.Actor, policy, now);
            return;
        }

        if (revision)
        {
            item.Revision = item.Revision! with { State = to };
        }
        else
        {
            item.State = to;
            item.ScheduleNextTimer();
        }

        item.Raise(caller.Actor, now, to == KnowledgeState.Retired ? "KnowledgeItemRetired" : "KnowledgeItemTransitioned", EventVisibility.Internal,
            [RecordDocument.Change("state", from, to)], to == KnowledgeState.Draft ? [author] : [],
            new JsonObject { ["reason"] = request.Reason, ["version"] = revision ? item.Revision!.Version : item.Version });
    }

    /// <summary>Makes the item (or its next version) the live one; the review date restarts (KB-06).</summary>
    public static void Publish(KnowledgeItem item, Actor actor, KnowledgePolicy policy, DateTimeOffset now)
    {
        var from = item.Revision?.State ?? item.State;
        if (item.Revision is { } next)
        {
            item.Content = next.Content;
            item.Version = next.Version;
            item.Revision = null;
        }

        item.State = KnowledgeState.Published;
        item.PublishedAt = now;
        item.ReviewDue = now.AddMonths(policy.ReviewMonths);
        item.ReviewReminderSentAt = null;
        item.History.Add(new KnowledgeVersion(item.Version, now, actor.Id, item.Content.Title));
        item.ScheduleNextTimer();
        item.Raise(actor, now, "KnowledgeItemPublished", EventVisibility.Internal,
            [RecordDocument.Change("state", from, KnowledgeState.Published)], [item.OwnerId],
            new JsonObject { ["version"] = item.Version, ["audience"] = item.Content.Audience.ToString(), ["knownErrorId"] = item.KnownErrorId });
    }

    /// <summary>KB-04: a vote counts; crossing under the helpful threshold (with enough votes) flags the item to its owner.</summary>
    public static void RecordVote(KnowledgeItem item, bool helpful, KnowledgePolicy policy, DateTimeOffset now)
    {
        if (helpful)
        {
            item.Helpful++;
        }
        else
        {
            item.NotHelpful++;
        }

        var votes = item.Helpful + item.NotHelpful;
        var low = votes >= policy.FeedbackMinimumVotes && item.HelpfulRate < policy.FlagBelowHelpfulRate;
        if (low && !item.Flagged)
        {
            item.Flagged = true;
            item.Raise(Actor.System, now, "KnowledgeItemFlagged", EventVisibility.Internal, [RecordDocument.Change("flagged", false, true)], [item.OwnerId],
                new JsonObject { ["helpful"] = item.Helpful, ["notHelpful"] = item.NotHelpful, ["helpfulRate"] = item.HelpfulRate, ["title"] = item.Content.Title });
        }
        else if (!low && item.Flagged)
        {
            item.Flagged = false;
            item.Raise(Actor.System, now, "KnowledgeItemUnflagged", EventVisibility.Internal, [RecordDocument.Change("flagged", true, false)]);
        }
    }

    /// <summary>KB-06: the owner is reminded to review the item once its review date comes.</summary>
    public static void Fire(KnowledgeItem item, DateTimeOffset now)
    {
        if (item.State == KnowledgeState.Published && item.ReviewReminderSentAt is null && now >= item.ReviewDue)
        {
            item.ReviewReminderSentAt = now;
            item.Raise(Actor.System, now, "KnowledgeReviewDue", EventVisibility.Internal, notify: [item.OwnerId],
                data: new JsonObject { ["reviewDue"] = Client.UtcTimestampConverter.Text(item.ReviewDue), ["title"] = item.Content.Title });
        }

        item.ScheduleNextTimer();
    }

    private static void RequireWorkingCopyEditor(bool allowed)
    {
        if (!allowed)
        {
            throw Problems.Forbidden("The author or a knowledge editor edits a draft.", "KB-06");
        }
    }
}
