using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Knowledge.Search;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Knowledge;

public static partial class KnowledgeApi
{
    private static async Task<Ok<SearchResponse>> SearchAsync(string? q, string? service, int? limit, Caller caller, KnowledgeAnswers answers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 1000)
        {
            throw Problems.BadRequest("Give the search text in 'q' (at most 1000 characters).", "q");
        }

        var size = limit ?? 10;
        if (size is < 1 or > 50)
        {
            throw Problems.BadRequest("limit must be between 1 and 50.", "limit");
        }

        return TypedResults.Ok(new SearchResponse(q, await answers.SearchAsync(caller, q, service, size, cancellationToken)));
    }

    private static async Task<Ok<AnswerResponse>> AnswerAsync(AnswerRequest request, Caller caller, KnowledgeAnswers answers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await answers.AnswerAsync(caller, request, cancellationToken));

    private static async Task<Ok<SuggestionsResponse>> SuggestionsAsync(string id, Caller caller, IncidentService incidents, KnowledgeAnswers answers, CancellationToken cancellationToken)
    {
        var (incident, _) = await incidents.ReadAsync(id, caller, cancellationToken);
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Suggested fixes are for the staff working an incident; reporters get self-help answers.", "INC-09");
        }

        return TypedResults.Ok(new SuggestionsResponse(id, await answers.SuggestAsync(caller, incident, cancellationToken)));
    }

    private static async Task<Ok<WhoResponse>> WhoAsync(string? service, Caller caller, ServiceStore services, KnowledgeStore store, KnowledgeService knowledge,
        PeopleStore people, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(service))
        {
            throw Problems.BadRequest("Name the service in 'service' (its id or name).", "service");
        }

        var all = await services.AllAsync(cancellationToken);
        var match = all.FirstOrDefault(s => string.Equals(s.Id, service, StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(s => s.Name.Contains(service.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw Problems.NotFound("Service", service);
        var audiences = await knowledge.AudiencesAsync(caller, cancellationToken);
        var entries = new List<SpecialistEntry>();
        await foreach (var item in store.AllAsync(cancellationToken))
        {
            if (item is { Kind: KnowledgeKind.Specialist, IsLive: true, Content.Specialist: { } specialist } && item.Content.ServiceIds.Contains(match.Id)
                && KnowledgeAccess.CanRead(caller, item, audiences))
            {
                var groups = new List<SpecialistGroup>();
                foreach (var groupId in specialist.GroupIds)
                {
                    if (await people.GetGroupAsync(groupId, cancellationToken) is { } group)
                    {
                        groups.Add(new SpecialistGroup(group.Id, group.Name, group.LeadId, group.ChannelRef));
                    }
                }

                entries.Add(new SpecialistEntry(item.Id, item.Content.Title, groups, specialist.PersonIds, specialist.Skills, specialist.SupplierContacts, specialist.OnCallContact));
            }
        }

        return TypedResults.Ok(new WhoResponse(match.Id, match.Name, entries));
    }

    private static async Task<Ok<FeedbackView>> FeedbackAsync(string id, KnowledgeFeedbackRequest request, Caller caller, KnowledgeService knowledge,
        KnowledgeLogs logs, TimeProvider time, CancellationToken cancellationToken)
    {
        var readable = await knowledge.ReadAsync(id, caller, cancellationToken);
        if (!readable.IsLive)
        {
            throw Problems.Conflict($"{id} is {readable.State}: feedback is for published items.", "KB-04");
        }

        var now = time.GetUtcNow();
        await logs.RecordVoteAsync(new FeedbackVote
        {
            Id = Guid.NewGuid().ToString("N"), ItemId = id, PersonId = caller.Id, Helpful = request.Helpful!.Value, Comment = request.Comment, Question = request.Question, At = now,
        }, cancellationToken);
        var item = await knowledge.ChangeAsSystemAsync(id, (item, policy, at) => KnowledgeRules.RecordVote(item, request.Helpful!.Value, policy, at), cancellationToken);
        return TypedResults.Ok(new FeedbackView(item.Helpful, item.NotHelpful, item.HelpfulRate, item.Flagged));
    }

    private static async Task<Ok<KnowledgeItemResponse>> ApplyAsync(string id, ApplyKnowledgeRequest request, Caller caller, KnowledgeService knowledge,
        IncidentService incidents, Links.LinkStore links, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var (incident, _) = await incidents.ReadAsync(request.IncidentId!, caller, cancellationToken);
        if (!IncidentAccess.CanWork(caller, incident))
        {
            throw Problems.Forbidden("Only people working the incident apply a fix to it.", "INC-09");
        }

        var readable = await knowledge.ReadAsync(id, caller, cancellationToken);
        if (!readable.IsLive || readable.Kind == KnowledgeKind.Specialist)
        {
            throw Problems.Conflict($"{id} is not a published fix that can be applied.", "INC-09");
        }

        if (readable.KnownErrorId is { } knownError)
        {
            incident = await incidents.ChangeAsync(incident.Id, caller, null, (i, _, now) =>
            {
                IncidentLinks.Add(i, Client.Incidents.IncidentLinkKind.KnownError, knownError, caller, now);
                return i;
            }, cancellationToken);
            await incidents.AddLinkAsync(incident, Client.Incidents.IncidentLinkKind.KnownError, knownError, caller.Actor, cancellationToken);
        }

        await links.AddAsync(incident.Id, AppliedLink, id, caller.Actor, time.GetUtcNow(), cancellationToken);
        var item = await knowledge.ChangeAsSystemAsync(id, (item, _, now) => KnowledgeEffects.Applied(item, incident.Id, caller.Actor, now), cancellationToken);
        return TypedResults.Ok(WithETag(context, item, caller));
    }
}
