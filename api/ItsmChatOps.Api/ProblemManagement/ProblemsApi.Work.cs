using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ProblemManagement;

public static partial class ProblemsApi
{
    private static async Task<Ok<ProblemResponse>> AssignAsync(string id, AssignProblemRequest request, Caller caller, ProblemService problems, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.ChangeAsync(id, caller, ETags.IfMatch(context), (p, now) => ProblemRules.Assign(p, request, caller, now), cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<ProblemResponse>> AddWorkaroundAsync(string id, AddProblemWorkaroundRequest request, Caller caller, ProblemService problems,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        await problems.ReadAsync(id, caller, cancellationToken);
        ProblemRules.RequireProblemStaff(caller, "PRB-08");
        var problem = await problems.AddWorkaroundAsync(id, request.Text!, request.CustomerText, null, caller.Actor, cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<ProblemResponse>> AddActionAsync(string id, AddProblemActionRequest request, Caller caller, ProblemService problems, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.ChangeAsync(id, caller, null, (p, now) => ProblemRules.AddAction(p, request, caller, now), cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<ProblemResponse>> UpdateActionAsync(string id, string actionId, UpdateProblemActionRequest request, Caller caller, ProblemService problems,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.ChangeAsync(id, caller, null, (p, now) => ProblemRules.UpdateAction(p, actionId, request.State!.Value, caller, now), cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<ProblemResponse>> LogEffortAsync(string id, LogEffortRequest request, Caller caller, ProblemService problems, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.ChangeAsync(id, caller, null, (p, now) => ProblemRules.LogEffort(p, request, caller, now), cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    /// <summary>PRB-07: the change fixes the problem and its known errors; the link store lets the change's events find them.</summary>
    private static async Task<Ok<ProblemResponse>> LinkChangeAsync(string id, LinkChangeRequest request, Caller caller, ProblemService problems, KnownErrorService knownErrors,
        LinkStore links, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var changeId = request.ChangeId!;
        var problem = await problems.ChangeAsync(id, caller, ETags.IfMatch(context), (p, now) => ProblemRules.LinkChange(p, changeId, caller, now), cancellationToken);
        await links.AddAsync(problem.Id, ChangeReactions.FixedByLink, changeId, caller.Actor, time.GetUtcNow(), cancellationToken);
        foreach (var errorId in problem.KnownErrorIds)
        {
            await LinkChangeToKnownErrorAsync(errorId, changeId, caller, knownErrors, links, time, cancellationToken);
        }

        return TypedResults.Ok(WithETag(context, problem, time));
    }

    public static async Task LinkChangeToKnownErrorAsync(string errorId, string changeId, Caller caller, KnownErrorService knownErrors, LinkStore links, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await knownErrors.ChangeAsync(errorId, caller, null, (e, _, now) =>
        {
            KnownErrorRules.LinkChange(e, changeId, caller, now);
            return Task.CompletedTask;
        }, cancellationToken);
        await links.AddAsync(errorId, ChangeReactions.FixedByLink, changeId, caller.Actor, time.GetUtcNow(), cancellationToken);
    }

    private static async Task<Ok<ProblemResponse>> LinkIncidentAsync(string id, LinkProblemIncidentRequest request, Caller caller, ProblemService problems,
        IncidentService incidents, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.ReadAsync(id, caller, cancellationToken);
        var (incident, _) = await incidents.ReadAsync(request.IncidentId!, caller, cancellationToken);
        if (!IncidentAccess.CanWork(caller, incident) && !ProblemRules.IsProblemStaff(caller))
        {
            throw Problems.Forbidden("Problem management, or people working the incident, link it to a problem.", "INC-18");
        }

        problem = await problems.LinkIncidentAsync(problem.Id, incident.Id, caller.Actor, cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }
}
