using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Knowledge;

public static partial class KnowledgeApi
{
    public const string ViewedLink = "ViewedKnowledge";
    public const string AppliedLink = "AppliedKnowledge";

    private static async Task<Ok<SelfHelpResponse>> SelfHelpAsync(SelfHelpRequest request, Caller caller, KnowledgeService knowledge, IncidentService incidents,
        LinkStore links, TimeProvider time, CancellationToken cancellationToken)
    {
        var items = new List<KnowledgeItem>();
        foreach (var itemId in request.ItemIds!.Distinct())
        {
            items.Add(await knowledge.ReadAsync(itemId, caller, cancellationToken));
        }

        if (request.Outcome == SelfHelpOutcome.Solved)
        {
            foreach (var item in items)
            {
                await knowledge.ChangeAsSystemAsync(item.Id, (i, _, now) => KnowledgeEffects.Deflected(i, request.ServiceId, request.Question!, caller.Actor, now), cancellationToken);
            }

            return TypedResults.Ok(new SelfHelpResponse(SelfHelpOutcome.Solved, items.Select(i => i.Id).ToList(), null));
        }

        if (request.IncidentId is null)
        {
            throw Problems.Unprocessable("\"Still need help\" names the incident raised, so the viewed items are attached to it.", "KB-08", "incidentId");
        }

        var (incident, _) = await incidents.ReadAsync(request.IncidentId, caller, cancellationToken);
        if (incident.ReporterId != caller.Id && !IncidentAccess.CanWork(caller, incident))
        {
            throw Problems.Forbidden("The reporter, or staff working the incident, attach what they viewed.", "KB-08");
        }

        foreach (var item in items)
        {
            await links.AddAsync(incident.Id, ViewedLink, item.Id, caller.Actor, time.GetUtcNow(), cancellationToken);
        }

        return TypedResults.Ok(new SelfHelpResponse(SelfHelpOutcome.StillNeedHelp, items.Select(i => i.Id).ToList(), incident.Id));
    }

    private static async Task<Ok<IReadOnlyList<AskedQuestion>>> QuestionsReportAsync(DateTimeOffset? from, DateTimeOffset? to, int? limit, Caller caller,
        KnowledgeLogs logs, TimeProvider time, CancellationToken cancellationToken)
    {
        RequireReportReader(caller);
        var until = to ?? time.GetUtcNow();
        var entries = await logs.QuestionsAsync(from ?? until.AddDays(-30), until, cancellationToken);
        IReadOnlyList<AskedQuestion> rows = entries
            .GroupBy(e => e.Key)
            .Select(g => new AskedQuestion(g.First().Question, g.Count(), g.Count(e => e.Hits == 0), g.Max(e => e.At)))
            .OrderByDescending(r => r.Count).ThenByDescending(r => r.LastAskedAt)
            .Take(Math.Clamp(limit ?? 20, 1, 200))
            .ToList();
        return TypedResults.Ok(rows);
    }

    private static async Task<Ok<IReadOnlyList<HelpfulnessRow>>> HelpfulnessReportAsync(int? minVotes, int? limit, Caller caller, KnowledgeStore store,
        CancellationToken cancellationToken)
    {
        RequireReportReader(caller);
        var rows = new List<HelpfulnessRow>();
        await foreach (var item in store.AllAsync(cancellationToken))
        {
            if (item.HelpfulRate is { } rate && item.Helpful + item.NotHelpful >= (minVotes ?? 1))
            {
                rows.Add(new HelpfulnessRow(item.Id, item.Content.Title, item.OwnerId, item.Helpful, item.NotHelpful, Math.Round(rate, 3), item.Flagged));
            }
        }

        IReadOnlyList<HelpfulnessRow> result = rows.OrderBy(r => r.HelpfulRate).ThenByDescending(r => r.NotHelpful).Take(Math.Clamp(limit ?? 20, 1, 200)).ToList();
        return TypedResults.Ok(result);
    }

    private static void RequireReportReader(Caller caller)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Knowledge reports are for staff.", "KB-04");
        }
    }
}
