using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.ConfigurationItems;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>
/// Gathers what a rule needs from other records (the analysis, approvers, deputies, templates, calendars, linked
/// incidents), runs it inside the read–apply–write of <see cref="ChangeService"/>, and then moves the CIs (CFG-06).
/// </summary>
public sealed class ChangeWorkflow(
    ChangeService changes,
    ChangeAnalysis analysis,
    ChangeTemplateStore templates,
    PeopleStore people,
    PolicyStore policies,
    DelegationStore delegations,
    CiService cis,
    LinkStore links,
    IncidentStore incidents)
{
    public async Task<Change> TransitionAsync(string id, TransitionChangeRequest request, Caller caller, string? ifMatch, CancellationToken cancellationToken)
    {
        var from = ChangeState.Draft;
        var result = await changes.ChangeAsync(id, caller, ifMatch, async (change, policy, version, now) =>
        {
            from = change.State;
            var context = await ContextAsync(change, request, policy, version, now, cancellationToken);
            ChangeTransitions.Apply(change, request, caller, context, now);
        }, cancellationToken);
        if (from != ChangeState.Implementing && result.State == ChangeState.Implementing)
        {
            await cis.StartChangeAsync(result, cancellationToken);
        }
        else if (from == ChangeState.Implementing && result.State is ChangeState.Implemented or ChangeState.BackedOut)
        {
            await cis.EndChangeAsync(result, cancellationToken);
        }

        return result;
    }

    /// <summary>CHG-06: edits; a material one after approval was requested sends the change back to Assessed; a new window inside the approved one reschedules (CHG-09).</summary>
    public Task<Change> UpdateAsync(string id, UpdateChangeRequest request, Caller caller, string? ifMatch, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, ifMatch, async (change, policy, version, now) =>
        {
            RequireEditable(change, request, caller);
            var (material, windowMoved) = ChangeEdits.Update(change, request, caller, now);
            if (material && change.State is ChangeState.PendingApproval or ChangeState.Approved or ChangeState.Scheduled)
            {
                ChangeApprovals.Void(change, Security.Actor.System, "ChangeReturnedToAssessment",
                    "A material edit (scope, CIs, services, outage, plans or a window outside the approved one) needs a new approval.", now);
            }
            else if (windowMoved && change.State == ChangeState.Scheduled)
            {
                if (request.OverrideReason is not null)
                {
                    ChangeAccess.RequireChangeManager(caller, "CHG-08", "overrides a schedule conflict");
                }

                var result = await analysis.AnalyzeAsync(change, policy, change.Window, cancellationToken);
                ChangeLifecycle.Schedule(change, change.Window!, request.OverrideReason, caller.Actor, result, policy, now);
            }
        }, cancellationToken);

    public Task<Change> AssessAsync(string id, AssessChangeRequest request, Caller caller, string? ifMatch, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, ifMatch, async (change, policy, version, now) =>
        {
            ChangeRisk.Record(change, request, caller, policy, version, now);
            var result = await analysis.AnalyzeAsync(change, policy, change.Window, cancellationToken);
            ChangeTransitions.Analyse(change, result, new ChangeContext(policy, version));
        }, cancellationToken);

    /// <summary>CHG-05: a decision counts for the caller's own identity, or for the approver who delegated to the caller for now.</summary>
    public Task<Change> DecideAsync(string id, ApprovalRequest request, Caller caller, string? idempotencyKey, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, null, async (change, policy, version, now) =>
        {
            var slot = await SlotAsync(change, request, caller, now, cancellationToken);
            ChangeApprovals.Decide(change, request, caller, slot, idempotencyKey,
                () => JsonSerializer.SerializeToNode(ChangeMapping.ToResponse(change, policy), ItsmJson.Options)!, now);
        }, cancellationToken, forDecision: true);

    public Task<Change> RecordPirAsync(string id, Client.Changes.PirRequest request, Caller caller, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, null, async (change, policy, version, now) =>
            ChangeClosure.RecordPir(change, request, caller, await SideEffectsAsync(change, policy, now, cancellationToken), now), cancellationToken);

    private async Task<string> SlotAsync(Change change, ApprovalRequest request, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var approverIds = change.Approvers.Select(a => a.PersonId).ToList();
        if (approverIds.Contains(caller.Id) && (request.OnBehalfOfId is null || request.OnBehalfOfId == caller.Id))
        {
            return caller.Id;
        }

        var delegators = (await delegations.DelegatorsForAsync(caller.Id, now, cancellationToken)).Intersect(approverIds).ToList();
        if (request.OnBehalfOfId is { } onBehalfOf)
        {
            return delegators.Contains(onBehalfOf) ? onBehalfOf
                : throw Problems.Forbidden($"{onBehalfOf} has not delegated approvals to you for now, or is not an approver of {change.Id}.", "CHG-05");
        }

        var undecided = delegators.Where(d => change.Approvals.All(a => a.SlotId != d)).ToList();
        return delegators.Count switch
        {
            0 => throw Problems.Forbidden(
                $"You are not an approver of {change.Id}, so your decision cannot count. The approvers are {string.Join(", ", approverIds)}.", "CHG-05"),
            1 => delegators[0],
            _ when undecided.Count == 1 => undecided[0],
            _ => throw Problems.Unprocessable($"You act for {string.Join(", ", delegators)}: say whom you decide for.", "CHG-05", "onBehalfOfId"),
        };
    }

    private async Task<ChangeContext> ContextAsync(Change change, TransitionChangeRequest request, ChangePolicy policy, int version, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var to = request.To!.Value;
        var context = new ChangeContext(policy, version);
        if (to is ChangeState.Submitted or ChangeState.Assessed or ChangeState.PendingApproval or ChangeState.Scheduled)
        {
            var window = to == ChangeState.Scheduled ? request.Window ?? change.Window ?? change.ApprovedWindow : change.Window;
            context = context with { Analysis = await analysis.AnalyzeAsync(change, policy, window, cancellationToken) };
        }

        if (to == ChangeState.Submitted && change.TemplateId is { } templateId)
        {
            context = context with { Template = await templates.GetAsync(templateId, cancellationToken) };
        }

        if (to == ChangeState.PendingApproval && change.State == ChangeState.Assessed)
        {
            ChangeTransitions.Analyse(change, context.Analysis!, context);
            var known = new Dictionary<string, Person>();
            foreach (var personId in ChangeApprovers.PeopleToLoad(policy))
            {
                if (await people.GetAsync(personId, cancellationToken) is { } person)
                {
                    known[personId] = person;
                }
            }

            var plan = ChangeApprovers.Compute(change, policy, context.Analysis!, known);
            var deputies = await delegations.DeputiesOfAsync(plan.Approvers.Select(a => a.PersonId), now, cancellationToken);
            context = context with { Approvers = plan, Deputies = deputies };
        }

        if (to == ChangeState.Implementing)
        {
            var (calendar, _) = await policies.CurrentAsync<CalendarPolicy>(PolicyKinds.Calendar(policy.RetrospectiveCalendarId), cancellationToken);
            context = context with { RetrospectiveCalendar = calendar };
        }

        if (to == ChangeState.Closed)
        {
            context = context with { FixedIncidents = await FixedIncidentsAsync(change, cancellationToken) };
        }

        return context;
    }

    /// <summary>The incidents this change fixes, linked from either side (CHG-15), with their reporters to tell.</summary>
    private async Task<IReadOnlyList<(string IncidentId, string ReporterId)>> FixedIncidentsAsync(Change change, CancellationToken cancellationToken)
    {
        var ids = ChangeNotify.LinkedIds(change, ChangeLinkKind.FixesIncident)
            .Concat((await links.OfAsync(change.Id, cancellationToken)).Where(l => l.ToId == change.Id && l.Kind == nameof(Client.Incidents.IncidentLinkKind.FixedByChange)).Select(l => l.FromId))
            .Distinct();
        var result = new List<(string, string)>();
        foreach (var incidentId in ids)
        {
            if (await incidents.GetAsync(incidentId, cancellationToken) is { } incident)
            {
                result.Add((incident.Id, incident.ReporterId));
            }
        }

        return result;
    }

    /// <summary>CHG-13: incidents raised on the change's CIs (and the CIs it reaches) in the days after it.</summary>
    private async Task<IReadOnlyList<string>> SideEffectsAsync(Change change, ChangePolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = change.ActualEnd ?? change.ActualStart ?? now;
        var to = from + TimeSpan.FromDays(policy.SideEffectDays);
        var found = new List<string>();
        foreach (var ciId in change.CiIds.Concat(change.Impact?.Cis.Select(c => c.Id) ?? []).Distinct())
        {
            found.AddRange(await incidents.RaisedOnCiAsync(ciId, from, to, cancellationToken));
        }

        return found.Distinct().Order().ToList();
    }

    private static void RequireEditable(Change change, UpdateChangeRequest request, Caller caller)
    {
        if (change.IsTerminal)
        {
            throw Problems.Conflict($"{change.Id} is {change.State}; it can only be linked now.", "CHG-06");
        }

        var started = change.State is ChangeState.Implementing or ChangeState.Implemented or ChangeState.BackedOut or ChangeState.Review;
        if (started && (change.Model != ChangeModel.Emergency || request.CiIds is not null || request.ServiceIds is not null || request.Window is not null || request.Outage is not null))
        {
            throw Problems.Conflict($"{change.Id} is {change.State}; only an emergency change's retrospective fields can still be filled in.", "CHG-14");
        }

        ChangeAccess.Allow(ChangeAccess.IsOriginator(caller, change) || ChangeAccess.IsChangeManager(caller) || (started && ChangeAccess.IsImplementer(caller, change)),
            "The originator or the change manager edits a change.", "CHG-01");
    }
}
