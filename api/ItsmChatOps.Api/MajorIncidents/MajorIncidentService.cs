using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// Orchestrates major incident operations: read what the caller may see, apply a rule under the policy version the
/// record was created with, schedule its next timer and write with the ETag read (or the client's If-Match).
/// </summary>
public sealed class MajorIncidentService(MajorIncidentStore store, MajorIncidentContexts contexts, IncidentService incidents, PolicyStore policies, TimeProvider time)
{
    public MajorIncidentStore Store => store;

    public MajorIncidentContexts Contexts => contexts;

    /// <summary>Staff and the people in the war room see a major incident; to anyone else it does not exist.</summary>
    public async Task<MajorIncident> ReadAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var major = await store.Records.GetAsync(id, cancellationToken);
        return major is not null && (caller.IsStaff || MajorIncidentComms.IsInTheRoom(major, caller)) ? major : throw Problems.NotFound("Major incident", id);
    }

    public Task<MajorIncident> ChangeAsync(string id, Caller caller, string? ifMatch, Func<MajorIncident, MajorIncidentPolicy, DateTimeOffset, Task> apply, CancellationToken cancellationToken) =>
        ChangeAsync(id, ifMatch, (i, ct) => ReadAsync(i, caller, ct), apply, cancellationToken);

    public Task<MajorIncident> ChangeAsync(string id, Caller caller, string? ifMatch, Action<MajorIncident, MajorIncidentPolicy, DateTimeOffset> apply, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, ifMatch, (m, p, n) =>
        {
            apply(m, p, n);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A change by the system (timers, reactions, reports from the bot): no reader visibility applies.</summary>
    public Task<MajorIncident> ChangeAsSystemAsync(string id, Func<MajorIncident, MajorIncidentPolicy, DateTimeOffset, Task> apply, CancellationToken cancellationToken) =>
        ChangeAsync(id, null, async (i, ct) => await store.Records.GetAsync(i, ct) ?? throw Problems.NotFound("Major incident", i), apply, cancellationToken);

    /// <summary>MAJ-01/02: declares the incident's proposed major incident, or a new one when none is open; an open declared one is 409.</summary>
    public async Task<(MajorIncident Major, bool Created)> DeclareAsync(DeclareMajorIncidentRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (incident, _) = await incidents.ReadAsync(request.IncidentId!, caller, cancellationToken);
        var (policy, version) = await policies.CurrentAsync<MajorIncidentPolicy>(MajorIncidentPolicy.Kind, cancellationToken);
        MajorIncidentRules.RequireDeclarer(caller, policy);
        if (await store.ForIncidentAsync(incident.Id, cancellationToken) is { Open: true } existing)
        {
            if (existing.State != MajorIncidentState.Proposed)
            {
                throw Problems.Duplicate($"{incident.Id} is already major incident {existing.Id} ({existing.State}).", "MAJ-01");
            }

            var transition = new TransitionMajorIncidentRequest { To = MajorIncidentState.Declared, ManagerId = request.ManagerId, Reason = request.Reason };
            return (await TransitionAsync(existing.Id, transition, caller, null, cancellationToken), false);
        }

        var major = MajorIncidentRules.New(await store.Records.NextIdAsync(cancellationToken), incident, version, caller.Id, time.GetUtcNow());
        var context = await contexts.DeclarationAsync(major, request.ManagerId, policy, cancellationToken);
        MajorIncidentRules.Declare(major, context, caller, request.Reason, time.GetUtcNow());
        MajorIncidentClock.ScheduleNextTimer(major, policy);
        if (await store.CreateUnlessOpenAsync(major, OpenAsync, cancellationToken) is { } raced)
        {
            throw Problems.Duplicate($"{incident.Id} became major incident {raced.Id} a moment ago.", "MAJ-01");
        }

        return (major, true);
    }

    /// <summary>MAJ-01: a new Proposed record when the incident matches a rule and never had a major incident.</summary>
    public async Task<MajorIncident?> ProposeAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (incident.IsTerminal || await store.ForIncidentAsync(incident.Id, cancellationToken) is not null)
        {
            return null; // once rejected, "not major" stands; declarers can still declare it
        }

        var (policy, version) = await policies.CurrentAsync<MajorIncidentPolicy>(MajorIncidentPolicy.Kind, cancellationToken);
        var service = await contexts.ServiceAsync(incident.ServiceId, cancellationToken);
        var matched = MajorIncidentRules.Matching(incident, service, policy);
        if (matched.Count == 0)
        {
            return null;
        }

        var major = MajorIncidentRules.New(await store.Records.NextIdAsync(cancellationToken), incident, version, Actor.SystemId, time.GetUtcNow());
        MajorIncidentRules.Propose(major, matched, policy, time.GetUtcNow());
        return await store.CreateUnlessOpenAsync(major, OpenAsync, cancellationToken) is null ? major : null;
    }

    public async Task<MajorIncident> TransitionAsync(string id, TransitionMajorIncidentRequest request, Caller? caller, string? ifMatch, CancellationToken cancellationToken)
    {
        async Task Apply(MajorIncident major, MajorIncidentPolicy policy, DateTimeOffset now)
        {
            var inputs = request.To switch
            {
                MajorIncidentState.Declared when major.State == MajorIncidentState.Proposed =>
                    new MajorTransitionInputs(policy, Declaration: await contexts.DeclarationAsync(major, request.ManagerId, policy, cancellationToken)),
                MajorIncidentState.ReviewPending when major.State == MajorIncidentState.Restored =>
                    new MajorTransitionInputs(policy, Review: await contexts.ReviewAsync(major, policy, cancellationToken)),
                _ => new MajorTransitionInputs(policy),
            };
            MajorIncidentTransitions.Apply(major, request, caller, inputs, now);
        }

        return caller is null ? await ChangeAsSystemAsync(id, Apply, cancellationToken) : await ChangeAsync(id, caller, ifMatch, Apply, cancellationToken);
    }

    public Task<MajorIncidentPolicy> PolicyAsync(MajorIncident major, CancellationToken cancellationToken) =>
        policies.VersionAsync<MajorIncidentPolicy>(MajorIncidentPolicy.Kind, major.PolicyVersion, cancellationToken);

    /// <summary>Reads, applies under the record's policy version, schedules the next timer, writes (<see cref="Records.NumberedRecords{T}.ChangeAsync"/>).</summary>
    private Task<MajorIncident> ChangeAsync(string id, string? ifMatch, Func<string, CancellationToken, Task<MajorIncident>> read,
        Func<MajorIncident, MajorIncidentPolicy, DateTimeOffset, Task> apply, CancellationToken cancellationToken) =>
        store.Records.ChangeAsync(id, ifMatch, read, async major =>
        {
            var policy = await PolicyAsync(major, cancellationToken);
            await apply(major, policy, time.GetUtcNow());
            MajorIncidentClock.ScheduleNextTimer(major, policy);
            major.RefreshDerived();
        }, cancellationToken);

    private async Task<MajorIncident?> OpenAsync(string id) =>
        await store.Records.GetAsync(id, CancellationToken.None) is { Open: true } open ? open : null;
}
