using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>What a review is built from when the major incident starts waiting for it.</summary>
public sealed record ReviewInputs(
    DateTimeOffset DueAt,
    DateTimeOffset ImpactStart,
    IReadOnlyList<string> CustomersAffected,
    IReadOnlyList<string> Breaches,
    IReadOnlyList<ReviewTimelineEntry> Timeline);

/// <summary>
/// The mandatory review (MAJ-09): built from the timeline, completed by the manager with what worked, what
/// did not and the actions, approved by the incident manager. A problem is required when the root cause is unknown.
/// </summary>
public static class MajorIncidentReviews
{
    public static Review Build(MajorIncident major, ReviewInputs inputs, DateTimeOffset now) => new()
    {
        DueAt = inputs.DueAt,
        ImpactStart = inputs.ImpactStart,
        ImpactEnd = major.RestoredAt ?? now,
        CustomersAffected = [.. inputs.CustomersAffected],
        Breaches = [.. inputs.Breaches],
        Timeline = [.. inputs.Timeline],
    };

    public static void Save(MajorIncident major, SaveReviewRequest request, Caller caller, DateTimeOffset now)
    {
        MajorIncidentTransitions.RequireManagerOrIncidentManager(major, caller);
        if (major.State != MajorIncidentState.ReviewPending || major.Review is not { } review)
        {
            throw Problems.Conflict($"{major.Id} is {major.State}: the review is written while it is ReviewPending.", "MAJ-09");
        }

        review.WhatWorked = request.WhatWorked ?? review.WhatWorked;
        review.WhatDidNotWork = request.WhatDidNotWork ?? review.WhatDidNotWork;
        review.RootCauseKnown = request.RootCauseKnown ?? review.RootCauseKnown;
        if (request.Actions is { } actions)
        {
            review.Actions = actions.Select((a, i) => Action(a, i + 1, now)).ToList();
        }

        review.CompletedAt = null;
        review.CompletedById = null;
        if (request.Complete)
        {
            RequireComplete(review);
            review.CompletedAt = now;
            review.CompletedById = caller.Id;
        }

        major.Raise(caller.Actor, now, request.Complete ? "MajorIncidentReviewCompleted" : "MajorIncidentReviewUpdated", EventVisibility.Internal,
            notify: request.Complete ? [Notify.Role(ItsmRole.IncidentManager)] : null,
            data: new JsonObject { ["incidentId"] = major.IncidentId, ["actions"] = review.Actions.Count, ["rootCauseKnown"] = review.RootCauseKnown });
    }

    /// <summary>ReviewPending → Closed needs the completed review; the incident manager's move approves it.</summary>
    public static void Approve(MajorIncident major, Caller caller, DateTimeOffset now)
    {
        if (major.Review is not { CompletedAt: not null } review)
        {
            throw Problems.Conflict($"The review of {major.Id} is not complete yet; the incident manager approves a completed review.", "MAJ-09");
        }

        review.ApprovedAt = now;
        review.ApprovedById = caller.Id;
    }

    /// <summary>An overdue review is flagged once and the incident manager told (MAJ-09).</summary>
    public static void FireOverdue(MajorIncident major, DateTimeOffset now)
    {
        if (major is { State: MajorIncidentState.ReviewPending, Review: { CompletedAt: null, Overdue: false } review } && now >= review.DueAt)
        {
            review.Overdue = true;
            major.Raise(Actor.System, now, "MajorIncidentReviewOverdue", EventVisibility.Internal,
                [Records.RecordDocument.Change("reviewOverdue", false, true)],
                [Notify.Role(ItsmRole.IncidentManager), .. major.ManagerId is { } manager ? [manager] : Array.Empty<string>()],
                new JsonObject { ["incidentId"] = major.IncidentId, ["dueAt"] = UtcTimestampConverter.Text(review.DueAt) });
        }
    }

    private static ReviewAction Action(ReviewActionRequest request, int number, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Kind is not { } kind)
        {
            throw Problems.Unprocessable($"Action {number} needs its text and whether it is an improvement item or a problem.", "MAJ-09", $"actions[{number - 1}]");
        }

        if (kind == ReviewActionKind.Problem && request.ProblemId?.StartsWith("PRB-", StringComparison.Ordinal) != true)
        {
            throw Problems.Unprocessable($"Action {number} is a problem: name it (PRB-nnnnnn).", "MAJ-09", $"actions[{number - 1}].problemId");
        }

        if (request.DueOn is { } due && due < DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw Problems.Unprocessable($"Action {number} is due on {due:yyyy-MM-dd}, which has passed: give a day from today on.", "MAJ-09", $"actions[{number - 1}].dueOn");
        }

        return new ReviewAction(number, request.Text.Trim(), kind, string.IsNullOrWhiteSpace(request.OwnerId) ? null : request.OwnerId.Trim(),
            kind == ReviewActionKind.Problem ? request.ProblemId : null, null, request.DueOn);
    }

    private static void RequireComplete(Review review)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(review.WhatWorked))
        {
            errors["whatWorked"] = ["Say what worked."];
        }

        if (string.IsNullOrWhiteSpace(review.WhatDidNotWork))
        {
            errors["whatDidNotWork"] = ["Say what did not work."];
        }

        if (review.RootCauseKnown is null)
        {
            errors["rootCauseKnown"] = ["Say whether the root cause is known."];
        }

        if (review.Actions.Count == 0)
        {
            errors["actions"] = ["List at least one action."];
        }
        else if (review.RootCauseKnown == false && review.Actions.All(a => a.Kind != ReviewActionKind.Problem))
        {
            errors["actions"] = ["The root cause is unknown: one action must be a problem to find it."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "MAJ-09");
        }
    }
}
