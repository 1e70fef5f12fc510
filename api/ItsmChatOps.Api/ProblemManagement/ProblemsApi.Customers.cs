using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ProblemManagement;

public static partial class ProblemsApi
{
    private static async Task<Ok<ProblemImpactView>> ImpactAsync(string id, Caller caller, ProblemService problems, ServiceStore services, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var problem = await problems.ReadAsync(id, caller, cancellationToken);
        var now = time.GetUtcNow();
        var incidents = await problems.LinkedIncidentsAsync(problem, cancellationToken);
        var serviceIds = problem.ServiceIds.Concat(incidents.Select(i => i.ServiceId)).Distinct().ToList();
        var all = await services.AllAsync(cancellationToken);
        return TypedResults.Ok(new ProblemImpactView
        {
            ProblemId = problem.Id,
            LinkedIncidents = incidents.Count,
            OpenIncidents = incidents.Count(i => i.Open),
            BreachedIncidents = incidents.Count(i => IncidentMapping.Flags(i, now) is { } sla && (sla.ResponseBreached || sla.ResolutionBreached)),
            AffectedUsers = incidents.SelectMany(i => i.Involved).Where(p => !p.StartsWith("monitoring:", StringComparison.Ordinal)).Distinct().Count(),
            DowntimeHours = Math.Round(incidents.Sum(i => ((i.ResolvedAt ?? now) - i.CreatedAt).TotalHours), 2),
            BusinessAreas = problem.BusinessAreas.Concat(incidents.Select(i => i.BusinessArea).OfType<string>()).Distinct().ToList(),
            CustomerIds = all.Where(s => serviceIds.Contains(s.Id)).SelectMany(s => s.CustomerIds).Distinct().ToList(),
            ServiceIds = serviceIds,
        });
    }

    /// <summary>PRB-10: one message per contact: the representatives of affected customers, the service owners and the groups working the incidents.</summary>
    private static async Task<Ok<CascadeResult>> CascadeAsync(string id, ProblemMessageRequest request, Caller caller, ProblemService problems, ServiceStore services,
        PeopleStore people, CancellationToken cancellationToken)
    {
        var current = await problems.ReadAsync(id, caller, cancellationToken);
        ProblemRules.RequireProblemStaff(caller, "PRB-10");
        var incidents = await problems.LinkedIncidentsAsync(current, cancellationToken);
        var affected = (await services.AllAsync(cancellationToken)).Where(s => current.ServiceIds.Contains(s.Id) || incidents.Any(i => i.ServiceId == s.Id)).ToList();
        var recipients = (await RepresentativesAsync(affected, people, cancellationToken))
            .Concat(affected.Select(s => s.OwnerId))
            .Concat(incidents.Select(i => i.GroupId).OfType<string>().Select(Notify.Group))
            .Where(r => r != caller.Id).Distinct().ToList();
        string eventId = "";
        await problems.ChangeAsync(id, caller, null, (p, now) =>
            eventId = p.Raise(caller.Actor, now, "ProblemCascadeSent", EventVisibility.Public, notify: recipients, data: new JsonObject { ["text"] = request.Text }).Id, cancellationToken);
        return TypedResults.Ok(new CascadeResult(id, eventId, recipients));
    }

    /// <summary>PRB-12: the service owner or a representative of a customer of an affected service agrees to the closure.</summary>
    private static async Task<Ok<ProblemResponse>> AgreeAsync(string id, CustomerAgreementRequest request, Caller caller, ProblemService problems, ServiceStore services,
        PeopleStore people, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var current = await problems.Records.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Problem", id);
        var affected = (await services.AllAsync(cancellationToken)).Where(s => current.ServiceIds.Contains(s.Id)).ToList();
        var allowed = affected.Any(s => s.OwnerId == caller.Id) || (await RepresentativesAsync(affected, people, cancellationToken)).Contains(caller.Id);
        if (!allowed)
        {
            throw Problems.Forbidden("The owner of an affected service or a representative of an affected customer agrees to closure.", "PRB-12");
        }

        var problem = await problems.ChangeAsSystemAsync(id, (p, _, now) =>
        {
            p.CustomerAgreement = new CustomerAgreement(caller.Id, now, request.Note);
            p.Raise(caller.Actor, now, "ProblemClosureAgreed", EventVisibility.Internal, notify: [p.OwnerId], data: new JsonObject { ["note"] = request.Note });
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<ProblemResponse>> NoticeAsync(string id, ProblemMessageRequest request, Caller caller, ProblemService problems, ServiceStore services,
        PeopleStore people, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var current = await problems.ReadAsync(id, caller, cancellationToken);
        caller.Require("PRB-12", Client.ItsmRole.ProblemManager);
        var affected = (await services.AllAsync(cancellationToken)).Where(s => current.ServiceIds.Contains(s.Id)).ToList();
        var recipients = (await RepresentativesAsync(affected, people, cancellationToken)).Concat(affected.Select(s => s.OwnerId)).Distinct().ToList();
        var problem = await problems.ChangeAsync(id, caller, null, (p, now) =>
        {
            var sent = p.Raise(caller.Actor, now, "ProblemCustomerNotice", EventVisibility.Public, notify: recipients, data: new JsonObject { ["text"] = request.Text });
            p.CustomerNotice = new CustomerNotice(request.Text!, sent.Id, now, null);
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<ProblemResponse>> DeliveryAsync(string id, ProblemDeliveryReport report, ServiceCaller service, ProblemService problems, TimeProvider time,
        HttpContext context, CancellationToken cancellationToken)
    {
        var problem = await problems.ChangeAsSystemAsync(id, (p, _, now) =>
        {
            if (p.CustomerNotice is { } notice && notice.EventId == report.EventId && report.Delivered == true && notice.DeliveredAt is null)
            {
                p.CustomerNotice = notice with { DeliveredAt = now };
                p.Raise(Actor.System, now, "ProblemCustomerNoticeDelivered", EventVisibility.Internal, data: new JsonObject { ["by"] = service.Id });
            }
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, problem, time));
    }

    private static async Task<Ok<IReadOnlyList<ProblemCandidateResponse>>> CandidatesAsync(Caller caller, ProblemCandidates candidates, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Problem candidates are for problem management.", "PRB-02");
        }

        IReadOnlyList<ProblemCandidateResponse> result = (await candidates.ProposedAsync(cancellationToken)).Select(ProblemMapping.ToResponse).ToList();
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<ProblemCandidateResponse>> CandidateAsync(string id, Caller caller, ProblemCandidates candidates, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProblemMapping.ToResponse(caller.IsStaff && await candidates.GetAsync(id, cancellationToken) is { } c ? c : throw Problems.NotFound("Problem candidate", id)));

    private static async Task<Ok<ProblemCandidateResponse>> DecideAsync(string id, CandidateDecisionRequest request, Caller caller, ProblemCandidates candidates,
        ProblemService problems, TimeProvider time, CancellationToken cancellationToken)
    {
        var policy = await problems.PolicyAsync(cancellationToken);
        var decided = await candidates.DecideAsync(id, request, caller, policy, time.GetUtcNow(), async candidate =>
        {
            var incidents = await problems.LinkedIncidentsAsync(new Problem { Id = "", Title = "", OwnerId = "", IncidentIds = candidate.IncidentIds }, cancellationToken);
            var problem = await problems.CreateAsync(new CreateProblemRequest
            {
                Title = $"Recurring incidents: {candidate.Category} on {candidate.CiId ?? candidate.ServiceId}",
                Description = string.Join("\n", incidents.Select(i => $"{i.Id}: {i.Summary}")),
                ServiceIds = incidents.Select(i => i.ServiceId).Distinct().ToList(),
                CiIds = candidate.CiId is { } ci ? [ci] : [],
                Category = candidate.Category,
                Impact = incidents.Min(i => i.Impact),
                Urgency = incidents.Min(i => i.Urgency),
                OwnerId = caller.Id,
            }, caller, cancellationToken);
            foreach (var incident in incidents)
            {
                await problems.LinkIncidentAsync(problem.Id, incident.Id, caller.Actor, cancellationToken);
            }

            return problem.Id;
        }, cancellationToken);
        return TypedResults.Ok(ProblemMapping.ToResponse(decided));
    }

    private static async Task<List<string>> RepresentativesAsync(IEnumerable<ServiceCatalog.Service> affected, PeopleStore people, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var customerId in affected.SelectMany(s => s.CustomerIds).Distinct())
        {
            if (await people.GetCustomerAsync(customerId, cancellationToken) is { } customer)
            {
                result.AddRange(customer.RepresentativeIds);
            }
        }

        return result.Distinct().ToList();
    }
}
