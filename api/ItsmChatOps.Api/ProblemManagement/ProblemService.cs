using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Knowledge;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>
/// Orchestrates problem operations: read (staff only), apply a rule from <see cref="ProblemRules"/> or
/// <see cref="ProblemTransitions"/>, write with the ETag read or the client's If-Match, and keep the
/// linked incidents, known errors and knowledge items in step.
/// </summary>
public sealed class ProblemService(
    IDocumentStore store,
    Partitions partitions,
    EventRelaySignal relay,
    PolicyStore policies,
    PeopleStore people,
    ServiceStore services,
    IncidentStore incidentStore,
    IncidentService incidents,
    KnownErrorService knownErrors,
    KnowledgeService knowledge,
    LinkStore links,
    TimeProvider time)
{
    public NumberedRecords<Problem> Records { get; } = new(store, partitions, relay, Problem.Type, "PRB");

    public async Task<ProblemPolicy> PolicyAsync(CancellationToken cancellationToken) =>
        (await policies.CurrentAsync<ProblemPolicy>(ProblemPolicy.Kind, cancellationToken)).Body;

    public async Task<Problem> CreateAsync(CreateProblemRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (matrix, version) = await policies.CurrentAsync<PriorityMatrixPolicy>(PolicyKinds.Matrix, cancellationToken);
        var managers = await people.WithRoleAsync(ItsmRole.ProblemManager, cancellationToken);
        var owner = managers.Count > 0 ? managers[0].Id : caller.Id;
        var problem = ProblemRules.Create(await Records.NextIdAsync(cancellationToken), request, caller, matrix, version, owner, time.GetUtcNow());
        ProblemClock.Schedule(problem, await PolicyAsync(cancellationToken));
        return await Records.CreateAsync(problem, cancellationToken);
    }

    /// <summary>PRB-01 "Raise problem" on an incident: prefilled from it and linked both ways; its workaround comes along (INC-13).</summary>
    public async Task<Problem> RaiseFromIncidentAsync(string incidentId, RaiseProblemFromIncidentRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (incident, _) = await incidents.ReadAsync(incidentId, caller, cancellationToken);
        if (incident.Links.FirstOrDefault(l => l.Kind == IncidentLinkKind.Problem) is { } existing)
        {
            throw Problems.Conflict($"{incidentId} is already linked to {existing.TargetId}.", "INC-18", "PRB-01");
        }

        var problem = await CreateAsync(new CreateProblemRequest
        {
            Title = request.Title ?? incident.Summary,
            Description = incident.Description ?? incident.Summary,
            ServiceIds = [incident.ServiceId],
            CiIds = incident.CiIds,
            Category = incident.Category,
            Impact = request.Impact ?? incident.Impact,
            Urgency = request.Urgency ?? incident.Urgency,
            BusinessAreas = incident.BusinessArea is { } area ? [area] : [],
        }, caller, cancellationToken);
        problem = await LinkIncidentAsync(problem.Id, incident.Id, caller.Actor, cancellationToken);
        if (incident.Workaround is { } workaround)
        {
            problem = await AddWorkaroundAsync(problem.Id, workaround, null, incident.Id, caller.Actor, cancellationToken);
        }

        return problem;
    }

    /// <summary>Links an incident to the problem in both records and the link store (INC-18); at most one problem per incident.</summary>
    public async Task<Problem> LinkIncidentAsync(string problemId, string incidentId, Actor actor, CancellationToken cancellationToken)
    {
        var incident = await incidents.ChangeAsSystemAsync(incidentId, (i, _, now) => IncidentLinks.Add(i, IncidentLinkKind.Problem, problemId, actor, now), cancellationToken);
        await incidents.AddLinkAsync(incident, IncidentLinkKind.Problem, problemId, actor, cancellationToken);
        return await ChangeAsSystemAsync(problemId, (p, _, now) => ProblemRules.LinkIncident(p, incidentId, actor, now), cancellationToken);
    }

    public async Task<Problem> ReadAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        caller.IsStaff && await Records.GetAsync(id, cancellationToken) is { } problem ? problem : throw Problems.NotFound("Problem", id);

    public async Task<Problem> ChangeAsync(string id, Caller caller, string? ifMatch, Func<Problem, ProblemPolicy, DateTimeOffset, Task> apply, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(cancellationToken);
        return await Records.ChangeAsync(id, ifMatch, (key, ct) => ReadAsync(key, caller, ct), async p =>
        {
            await apply(p, policy, time.GetUtcNow());
            ProblemClock.Schedule(p, policy);
        }, cancellationToken);
    }

    public Task<Problem> ChangeAsync(string id, Caller caller, string? ifMatch, Action<Problem, DateTimeOffset> apply, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, ifMatch, (p, _, now) =>
        {
            apply(p, now);
            return Task.CompletedTask;
        }, cancellationToken);

    public async Task<Problem> ChangeAsSystemAsync(string id, Action<Problem, ProblemPolicy, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(cancellationToken);
        return await Records.ChangeAsync(id, null, async (key, ct) => await Records.GetAsync(key, ct) ?? throw Problems.NotFound("Problem", key), p =>
        {
            apply(p, policy, time.GetUtcNow());
            ProblemClock.Schedule(p, policy);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task<Problem> TransitionAsync(string id, TransitionProblemRequest request, Caller caller, string? ifMatch, CancellationToken cancellationToken)
    {
        var (incidentPolicy, _) = await policies.CurrentAsync<IncidentPolicy>(PolicyKinds.Incident, cancellationToken);
        var problem = await ChangeAsync(id, caller, ifMatch, async (p, _, now) =>
        {
            var inputs = new ProblemTransitionInputs(await LinkedIncidentsAsync(p, cancellationToken), await KnownErrorsOfAsync(p, cancellationToken), incidentPolicy.CauseCategories);
            ProblemTransitions.Apply(p, request, caller, inputs, now);
        }, cancellationToken);
        if (problem.State == ProblemState.RootCauseIdentified && request.To == ProblemState.RootCauseIdentified)
        {
            var draft = request.KnownError;
            var error = await knownErrors.CreateForProblemAsync(problem, draft?.Title ?? problem.Title, draft?.Symptoms,
                [.. draft?.AffectedServiceIds ?? problem.ServiceIds], [.. draft?.SuspectedCiIds ?? problem.CiIds], caller.Actor, cancellationToken);
            await links.AddAsync(problem.Id, "KnownError", error.Id, caller.Actor, time.GetUtcNow(), cancellationToken);
            problem = await ChangeAsSystemAsync(problem.Id, (p, _, now) =>
            {
                p.KnownErrorIds.Add(error.Id);
                p.Raise(caller.Actor, now, "KnownErrorRecorded", Client.Events.EventVisibility.Internal, [RecordDocument.Change<string?>("knownErrorId", null, error.Id)]);
            }, cancellationToken);
        }

        return problem;
    }

    /// <summary>INC-13, PRB-08: the workaround joins the problem, is told to those affected and is offered to the KB as a draft.</summary>
    public async Task<Problem> AddWorkaroundAsync(string id, string text, string? customerText, string? sourceIncidentId, Actor actor, CancellationToken cancellationToken)
    {
        var current = await Records.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Problem", id);
        var audience = await AudienceAsync(current, cancellationToken);
        var problem = await ChangeAsSystemAsync(id, (p, _, now) => ProblemRules.AddWorkaround(p, text, customerText, sourceIncidentId, actor, now, audience), cancellationToken);
        var added = problem.Workarounds.Last(w => w.Text == text);
        if (added.KnowledgeItemId is not null)
        {
            return problem;
        }

        var item = await knowledge.CreateAsSystemAsync(KnowledgeKind.Workaround, new KnowledgeContent
        {
            Title = $"Workaround: {problem.Title}",
            Body = text,
            Audience = KnowledgeAudience.Agents,
            Symptoms = problem.Description,
            ServiceIds = [.. problem.ServiceIds],
            CiIds = [.. problem.CiIds],
        }, problem.OwnerId, i => i.ProblemId = problem.Id, actor, cancellationToken);
        return await ChangeAsSystemAsync(id, (p, _, _) =>
        {
            var index = p.Workarounds.FindIndex(w => w.Text == text);
            p.Workarounds[index] = p.Workarounds[index] with { KnowledgeItemId = item.Id };
        }, cancellationToken);
    }

    /// <summary>PRB-08: reporters and assignees of open linked incidents, the service desk channel and the owners of the affected services.</summary>
    public async Task<WorkaroundAudience> AudienceAsync(Problem problem, CancellationToken cancellationToken)
    {
        var owners = (await services.AllAsync(cancellationToken)).Where(s => problem.ServiceIds.Contains(s.Id)).Select(s => s.OwnerId);
        return WorkaroundAudience.From(await LinkedIncidentsAsync(problem, cancellationToken), owners, (await PolicyAsync(cancellationToken)).ServiceDeskGroupId);
    }

    public async Task<List<Incident>> LinkedIncidentsAsync(Problem problem, CancellationToken cancellationToken)
    {
        var result = new List<Incident>();
        foreach (var id in problem.IncidentIds)
        {
            if (await incidentStore.GetAsync(id, cancellationToken) is { } incident)
            {
                result.Add(incident);
            }
        }

        return result;
    }

    public async Task<List<KnownError>> KnownErrorsOfAsync(Problem problem, CancellationToken cancellationToken)
    {
        var result = new List<KnownError>();
        foreach (var id in problem.KnownErrorIds)
        {
            if (await knownErrors.Records.GetAsync(id, cancellationToken) is { } error)
            {
                result.Add(error);
            }
        }

        return result;
    }

    public static void DeclareIndexes(IServiceCollection services)
    {
        NumberedRecords.DeclareIndexes(services, Problem.Type);
        NumberedRecords.DeclareIndexes(services, KnownError.Type);
        services.AddStorageIndex("problem-open", Problem.Type, new SortKey("open"), new SortKey("priority"), new SortKey("createdAt"));
    }
}
