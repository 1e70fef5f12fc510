using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>The rules of problem records other than their state moves (PRB-01, PRB-07, PRB-08, PRB-09, INC-13), as plain code.</summary>
public static class ProblemRules
{
    public static bool IsProblemManager(Caller caller) => caller.Has(ItsmRole.ProblemManager);

    public static bool IsProblemStaff(Caller caller) => caller.HasAny(ItsmRole.ProblemManager, ItsmRole.ProblemAnalyst);

    /// <summary>PRB-01: any staff user logs a problem; customers cannot.</summary>
    public static Problem Create(string id, CreateProblemRequest request, Caller caller, PriorityMatrixPolicy matrix, int matrixVersion, string defaultOwner, DateTimeOffset now)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Problems are logged by staff; tell the service desk what keeps going wrong.", "PRB-01");
        }

        var owner = request.OwnerId ?? (IsProblemManager(caller) ? caller.Id : defaultOwner);
        var problem = new Problem
        {
            Id = id,
            Title = request.Title!.Trim(),
            Description = request.Description,
            State = ProblemState.Logged,
            Source = request.Source ?? ProblemSource.Reactive,
            ServiceIds = [.. request.ServiceIds ?? []],
            CiIds = [.. request.CiIds ?? []],
            Category = request.Category,
            Impact = request.Impact!.Value,
            Urgency = request.Urgency!.Value,
            Priority = matrix.PriorityFor(request.Impact!.Value, request.Urgency!.Value),
            MatrixVersion = matrixVersion,
            BusinessAreas = [.. request.BusinessAreas ?? []],
            OwnerId = owner,
            AnalystId = request.AnalystId,
            OwnershipHistory = [new Ownership(owner, request.AnalystId, null, now, null)],
            CreatedAt = now,
            CreatedBy = caller.Id,
        };
        problem.Raise(caller.Actor, now, "ProblemLogged", EventVisibility.Internal, notify: owner == caller.Id ? [] : [owner],
            data: new JsonObject { ["title"] = problem.Title, ["priority"] = problem.Priority.ToString(), ["source"] = problem.Source.ToString() });
        return problem;
    }

    /// <summary>PRB-09: every change of owner, analyst or group closes the current period and opens a new one.</summary>
    public static void Assign(Problem problem, AssignProblemRequest request, Caller caller, DateTimeOffset now)
    {
        RequireOpen(problem);
        if (!IsProblemManager(caller) && !(caller.Has(ItsmRole.ProblemAnalyst) && request.OwnerId is null))
        {
            throw Problems.Forbidden("The problem manager assigns owners; analysts may hand the analysis on.", "PRB-09");
        }

        var (owner, analyst, group) = (request.OwnerId ?? problem.OwnerId, request.AnalystId ?? problem.AnalystId, request.GroupId ?? problem.GroupId);
        if ((owner, analyst, group) == (problem.OwnerId, problem.AnalystId, problem.GroupId))
        {
            return;
        }

        var current = problem.OwnershipHistory.LastOrDefault(o => o.To is null);
        if (current is not null)
        {
            problem.OwnershipHistory[problem.OwnershipHistory.IndexOf(current)] = current with { To = now };
        }

        problem.OwnershipHistory.Add(new Ownership(owner, analyst, group, now, null));
        problem.Raise(caller.Actor, now, "ProblemAssigned", EventVisibility.Internal,
            [RecordDocument.Change("ownerId", problem.OwnerId, owner), RecordDocument.Change("analystId", problem.AnalystId, analyst), RecordDocument.Change("groupId", problem.GroupId, group)],
            new[] { owner, analyst }.Where(p => p is not null && p != caller.Id).Select(p => p!), new JsonObject { ["reason"] = request.Reason });
        (problem.OwnerId, problem.AnalystId, problem.GroupId) = (owner, analyst, group);
    }

    /// <summary>INC-13 and PRB-08: a workaround joins the problem; the open linked incidents' people, the service desk and the service owners are told.</summary>
    public static void AddWorkaround(Problem problem, string text, string? customerText, string? sourceIncidentId, Actor actor, DateTimeOffset now, WorkaroundAudience audience)
    {
        RequireOpen(problem);
        if (problem.Workarounds.Any(w => w.Text == text))
        {
            return;
        }

        problem.Workarounds.Add(new Workaround(text, customerText, sourceIncidentId, actor.Id, now, null));
        var message = customerText ?? problem.CustomerText ?? "A workaround is available for the problem affecting you.";
        problem.Raise(actor, now, "ProblemWorkaroundAdded", EventVisibility.Internal,
            [RecordDocument.Change<string?>("workaround", null, text)], audience.Recipients,
            new JsonObject { ["customerText"] = message, ["sourceIncidentId"] = sourceIncidentId, ["offerForKnowledgeBase"] = true });
    }

    public static void AddAction(Problem problem, AddProblemActionRequest request, Caller caller, DateTimeOffset now)
    {
        RequireOpen(problem);
        RequireProblemStaff(caller, "PRB-09");
        var action = new ProblemAction($"A{problem.Actions.Count + 1}", request.Task!, request.OwnerId!, request.Due!.Value, ProblemActionState.Open, null);
        problem.Actions.Add(action);
        problem.Raise(caller.Actor, now, "ProblemActionAdded", EventVisibility.Internal, notify: [action.OwnerId],
            data: new JsonObject { ["actionId"] = action.Id, ["task"] = action.Task, ["due"] = UtcTimestampConverter.Text(action.Due) });
    }

    public static void UpdateAction(Problem problem, string actionId, ProblemActionState state, Caller caller, DateTimeOffset now)
    {
        var action = problem.Actions.FirstOrDefault(a => a.Id == actionId) ?? throw Problems.NotFound("Action", $"{problem.Id}/{actionId}");
        if (action.OwnerId != caller.Id && !IsProblemManager(caller))
        {
            throw Problems.Forbidden("The action's owner or the problem manager updates it.", "PRB-09");
        }

        problem.Actions[problem.Actions.IndexOf(action)] = action with { State = state };
        problem.Raise(caller.Actor, now, "ProblemActionUpdated", EventVisibility.Internal, [RecordDocument.Change("state", action.State, state)],
            data: new JsonObject { ["actionId"] = actionId });
    }

    public static void LogEffort(Problem problem, LogEffortRequest request, Caller caller, DateTimeOffset now)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Staff log effort.", "PRB-09");
        }

        problem.Effort.Add(new EffortEntry(caller.Id, request.Minutes!.Value, request.Note, now));
        problem.Raise(caller.Actor, now, "ProblemEffortLogged", EventVisibility.Internal, data: new JsonObject { ["minutes"] = request.Minutes, ["note"] = request.Note });
    }

    /// <summary>PRB-07: a change is linked by id; its events then move the problem.</summary>
    public static void LinkChange(Problem problem, string changeId, Caller caller, DateTimeOffset now)
    {
        RequireOpen(problem);
        RequireProblemStaff(caller, "PRB-07");
        if (problem.Changes.Any(c => c.ChangeId == changeId))
        {
            return;
        }

        problem.Changes.Add(new LinkedChange(changeId, LinkedChangeStatus.Linked, now, null));
        problem.Raise(caller.Actor, now, "ProblemChangeLinked", EventVisibility.Internal, [RecordDocument.Change<string?>("changeId", null, changeId)]);
    }

    public static void LinkIncident(Problem problem, string incidentId, Actor actor, DateTimeOffset now)
    {
        if (problem.IncidentIds.Contains(incidentId))
        {
            return;
        }

        problem.IncidentIds.Add(incidentId);
        problem.Raise(actor, now, "ProblemIncidentLinked", EventVisibility.Internal,
            [RecordDocument.Change("incidentCount", problem.IncidentIds.Count - 1, problem.IncidentIds.Count)], data: new JsonObject { ["incidentId"] = incidentId });
    }

    public static void RequireOpen(Problem problem)
    {
        if (problem.IsTerminal)
        {
            throw Problems.Conflict($"{problem.Id} is {problem.State}.", "PRB-12");
        }
    }

    public static void RequireProblemStaff(Caller caller, string requirement)
    {
        if (!IsProblemStaff(caller))
        {
            throw Problems.Forbidden("This is for the problem manager and problem analysts.", requirement);
        }
    }
}

/// <summary>PRB-08: who hears of workarounds and fixes: reporters and assignees of open linked incidents, the service desk channel, service owners.</summary>
public sealed record WorkaroundAudience(IReadOnlyList<string> Recipients)
{
    public static WorkaroundAudience From(IEnumerable<Incident> linkedIncidents, IEnumerable<string> serviceOwners, string serviceDeskGroupId) =>
        new(linkedIncidents.Where(i => i.Open).SelectMany(i => new[] { i.ReporterId, i.AssigneeId }).OfType<string>()
            .Where(p => !p.StartsWith("monitoring:", StringComparison.Ordinal))
            .Append(Notify.Group(serviceDeskGroupId)).Concat(serviceOwners).Distinct().ToList());
}
