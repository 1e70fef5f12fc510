using System.Globalization;
using System.Text.RegularExpressions;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Flows;

/// <summary>What the manager filled in on the review card (MAJ-09).</summary>
public sealed record ReviewSubmission(string? WhatWorked, string? WhatDidNotWork, string? RootCauseKnown, IReadOnlyList<ReviewDraftAction> Actions);

/// <summary>
/// The review in chat (MAJ-09): the card shows the key moments of the timeline and takes what went well, what went
/// badly and the actions; submitting it moves a restored major incident to ReviewPending (the API builds the review
/// record from the timeline there) and completes the review; the incident manager approves it from the same card,
/// which closes the major incident. The API's refusals, field by field, show on the card.
/// </summary>
public sealed partial class MajorReviewFlow(ItsmApiClient api, WarRoomFlow rooms)
{
    private const int KeyMoments = 12;

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["whatWorked"] = "What went well",
        ["whatDidNotWork"] = "What went badly",
        ["rootCauseKnown"] = "Root cause",
        ["actions"] = "Actions",
    };

    /// <summary>The card as <paramref name="session"/>'s person sees the major incident now; an empty form unless the review is complete.</summary>
    public Task<MajorIncidentReviewCard> CardAsync(ItsmApiSession session, MajorIncidentResponse major, CancellationToken cancellationToken) =>
        CardAsync(session, major, DraftOf(major), [], cancellationToken);

    public async Task<CardReply> SubmitAsync(ChatUser user, string majorIncidentId, ReviewSubmission submission, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        var draft = new ReviewDraft(submission.WhatWorked, submission.WhatDidNotWork, submission.RootCauseKnown ?? string.Empty, Rows(submission.Actions));
        try
        {
            var actions = Actions(draft.Actions, out var formatErrors);
            if (formatErrors.Count > 0)
            {
                return Reply.Show(await CardAsync(session, await session.GetMajorIncidentAsync(majorIncidentId, cancellationToken), draft, formatErrors, cancellationToken));
            }

            var major = await session.GetMajorIncidentAsync(majorIncidentId, cancellationToken);
            if (major.State == MajorIncidentState.Restored)
            {
                major = await session.TransitionMajorIncidentAsync(majorIncidentId, new TransitionMajorIncidentRequest { To = MajorIncidentState.ReviewPending },
                    cancellationToken: cancellationToken);
            }

            var saved = await session.SaveReviewAsync(majorIncidentId, new SaveReviewRequest
            {
                WhatWorked = Blank(draft.WhatWorked), WhatDidNotWork = Blank(draft.WhatDidNotWork),
                RootCauseKnown = draft.RootCauseKnown switch { "true" => true, "false" => false, _ => null },
                Actions = actions, Complete = true,
            }, cancellationToken: cancellationToken);
            var card = Reply.Show(await CardAsync(session, saved, draft, [], cancellationToken));
            return new CardReply(card, card);
        }
        catch (ItsmApiException refused)
        {
            return await RefusedAsync(session, majorIncidentId, draft, refused, cancellationToken);
        }
    }

    /// <summary>The incident manager approves the completed review: the major incident closes and everyone's card shows it.</summary>
    public async Task<CardReply> ApproveAsync(ChatUser user, string majorIncidentId, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            var closed = await session.TransitionMajorIncidentAsync(majorIncidentId, new TransitionMajorIncidentRequest { To = MajorIncidentState.Closed },
                cancellationToken: cancellationToken);
            var card = Reply.Show(await CardAsync(session, closed, cancellationToken));
            return new CardReply(card, card);
        }
        catch (ItsmApiException refused)
        {
            var major = await session.GetMajorIncidentAsync(majorIncidentId, cancellationToken);
            return await RefusedAsync(session, majorIncidentId, DraftOf(major), refused, cancellationToken);
        }
    }

    private async Task<CardReply> RefusedAsync(ItsmApiSession session, string majorIncidentId, ReviewDraft draft, ItsmApiException refused, CancellationToken cancellationToken)
    {
        try
        {
            var major = await session.GetMajorIncidentAsync(majorIncidentId, cancellationToken);
            return Reply.Show(await CardAsync(session, major, draft, Errors(refused), cancellationToken));
        }
        catch (ItsmApiException unreadable)
        {
            return Reply.Say(ApiProblems.PlainWords(unreadable));
        }
    }

    private async Task<MajorIncidentReviewCard> CardAsync(ItsmApiSession session, MajorIncidentResponse major, ReviewDraft draft, IReadOnlyList<CardFieldError> errors,
        CancellationToken cancellationToken)
    {
        var events = await session.MajorIncidentTimelineAsync(major.Id, cancellationToken);
        var moments = events.Select(e => (Event: e, What: Moment(e))).Where(m => m.What is not null).TakeLast(KeyMoments).ToList();
        var review = major.Review;
        var ids = moments.Select(m => m.Event.ActorId).Concat(review?.Actions.Select(a => a.OwnerId) ?? []).Append(review?.CompletedById).Append(review?.ApprovedById).OfType<string>().Distinct().ToList();
        var names = ids.Count == 0 ? [] : (await api.DirectoryAsync(ids, cancellationToken: cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        string Name(string? id) => id is null ? "nobody" : names.GetValueOrDefault(id, id);
        var completed = review is { CompletedAt: { } completedAt } ? new CompletedReview(review.WhatWorked ?? "", review.WhatDidNotWork ?? "",
            review.RootCauseKnown == true ? "Known" : "Unknown: a problem will find it",
            [.. review.Actions.Select(a => new CompletedReviewAction(a.Number, a.Text, a.OwnerId is null ? "the incident manager" : Name(a.OwnerId),
                a.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "by the default", Becomes(a, review.ApprovedAt is not null)))],
            Name(review.CompletedById), completedAt, review.ApprovedById is null ? null : Name(review.ApprovedById), review.ApprovedAt) : null;
        return new MajorIncidentReviewCard(await rooms.ViewAsync(major, cancellationToken), Duration(major), review?.DueAt,
            [.. moments.Select(m => new ReviewTimelineLine(m.Event.At, Name(m.Event.ActorId), m.What!))], draft, errors, completed);
    }

    /// <summary>Improvement items are created just after the approval, so a card drawn at that moment names the kind, not the id yet.</summary>
    private static string Becomes(ReviewActionView action, bool approved) => action switch
    {
        { Kind: ReviewActionKind.Problem } => $"problem {action.ProblemId}",
        { ImprovementItemId: { } item } => $"improvement item {item}",
        _ when approved => "an improvement item",
        _ => "an improvement item once approved",
    };

    /// <summary>The entries worth reading back at a review: what was declared, said, handed over, logged and restored.</summary>
    private static string? Moment(EventResponse e) => e.Kind switch
    {
        "MajorIncidentDeclared" => $"Declared: {Text(e, "reason")}",
        "MajorIncidentUpdatePosted" when Text(e, "audience") == nameof(UpdateAudience.WarRoom) => $"Update {Text(e, "number")}: {Text(e, "status")}",
        "ManagerHandoverAccepted" => "Took over as manager",
        "TimelineEntryAdded" => Text(e, "text"),
        "ChildIncidentLinked" => $"Linked {Text(e, "childIncidentId") ?? "a child incident"}",
        "MajorIncidentRestored" => Text(e, "reason") is { } how ? $"Service restored: {how}" : "Service restored",
        "MajorIncidentReviewPending" => "Review started",
        _ => null,
    };

    private static string? Text(EventResponse e, string name) => Notifications.NotificationKit.Data(e, name);

    private static string Duration(MajorIncidentResponse major)
    {
        var minutes = major.Review?.ImpactMinutes
            ?? (major.RestoredAt is { } restored ? (restored - (major.DeclaredAt ?? major.CreatedAt)).TotalMinutes : (double?)null);
        if (minutes is not { } m)
        {
            return "still going on";
        }

        var span = TimeSpan.FromMinutes(Math.Round(m));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{span.Minutes} min";
    }

    private static ReviewDraft DraftOf(MajorIncidentResponse major)
    {
        var review = major.Review;
        var actions = review?.Actions.Select(a => new ReviewDraftAction(a.Number, a.Text, a.OwnerId, a.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.ProblemId)).ToList() ?? [];
        return new ReviewDraft(review?.WhatWorked, review?.WhatDidNotWork, review?.RootCauseKnown switch { true => "true", false => "false", _ => "" }, Rows(actions));
    }

    /// <summary>Always <see cref="MajorIncidentReviewCard.ActionRows"/> rows, numbered 1…n, the filled ones first.</summary>
    private static List<ReviewDraftAction> Rows(IReadOnlyList<ReviewDraftAction> actions) =>
    [
        .. Enumerable.Range(1, MajorIncidentReviewCard.ActionRows)
            .Select(n => actions.ElementAtOrDefault(n - 1) is { } a ? a with { Number = n } : new ReviewDraftAction(n, null, null, null, null)),
    ];

    /// <summary>The filled rows as the API's actions; a row naming a problem is that problem.</summary>
    private static List<ReviewActionRequest> Actions(IReadOnlyList<ReviewDraftAction> rows, out List<CardFieldError> errors)
    {
        errors = [];
        var actions = new List<ReviewActionRequest>();
        foreach (var row in rows.Where(r => !string.IsNullOrWhiteSpace(r.Text)))
        {
            DateOnly? due = null;
            if (Blank(row.DueOn) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    errors.Add(new CardFieldError($"Action {row.Number}", "The due date is not a date (yyyy-MM-dd)."));
                    continue;
                }

                due = day;
            }

            var problem = Blank(row.ProblemId)?.ToUpperInvariant();
            actions.Add(new ReviewActionRequest
            {
                Text = row.Text!.Trim(), Kind = problem is null ? ReviewActionKind.ImprovementItem : ReviewActionKind.Problem,
                OwnerId = Blank(row.Owner), ProblemId = problem, DueOn = due,
            });
        }

        return actions;
    }

    private static List<CardFieldError> Errors(ItsmApiException refused) =>
        refused.Errors.Count == 0
            ? [new CardFieldError("The review", ApiProblems.PlainWords(refused))]
            : [.. refused.Errors.SelectMany(e => e.Value.Select(message => new CardFieldError(Label(e.Key), message)))];

    /// <summary><c>actions[1].dueOn</c> is the form's "Action 2".</summary>
    private static string Label(string field) =>
        ActionField().Match(field) is { Success: true } m ? $"Action {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1}" : Labels.GetValueOrDefault(field, "The review");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^actions\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex ActionField();
}
