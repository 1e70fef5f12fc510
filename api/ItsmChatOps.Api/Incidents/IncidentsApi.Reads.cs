using System.Text.Json.Nodes;
using CsvHelper;
using ItsmChatOps.Api.Audit;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Incidents;

public static partial class IncidentsApi
{
    private const int MaxExportRows = 100_000;

    private static async Task<Ok<Page<IncidentSummary>>> ListAsync([AsParameters] IncidentQuery query, Caller caller, IncidentService incidents,
        IncidentStore store, IncidentSettingsProvider settingsProvider, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var documentQuery = IncidentQueries.Build(query, caller, await incidents.CustomerServicesAsync(caller, cancellationToken), now);
        var (items, continuation) = await store.QueryAsync(documentQuery, cancellationToken);
        var rules = await settingsProvider.RulesAsync(cancellationToken);
        var summaries = items.Select(i => IncidentMapping.ToSummary(i, now, IncidentAccess.SeesRestrictedAsMasked(caller, i, rules))).ToList();
        return TypedResults.Ok(new Page<IncidentSummary>(summaries, continuation));
    }

    private static async Task ExportAsync([AsParameters] IncidentQuery query, Caller caller, IncidentService incidents, IncidentStore store,
        IncidentSettingsProvider settingsProvider, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var documentQuery = IncidentQueries.Build(query with { Continuation = null }, caller, await incidents.CustomerServicesAsync(caller, cancellationToken), now)
            with { PageSize = IncidentQueries.MaxPageSize };
        var rules = await settingsProvider.RulesAsync(cancellationToken);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=incidents-{now:yyyyMMdd-HHmm}.csv";
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(context.Response.Body, options, leaveOpen: true);
        csv.WriteHeader(CsvColumns);
        var rows = 0;
        await foreach (var item in store.QueryAllAsync(documentQuery, cancellationToken))
        {
            var summary = IncidentMapping.ToSummary(item.Value, now, IncidentAccess.SeesRestrictedAsMasked(caller, item.Value, rules));
            await csv.WriteRecordAsync(CsvRow(summary), cancellationToken);
            if (++rows >= MaxExportRows)
            {
                break;
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task<Ok<IReadOnlyList<EventResponse>>> TimelineAsync(string id, Caller caller, IncidentService incidents, EventLog log,
        AccessLog accessLog, CancellationToken cancellationToken)
    {
        var (incident, settings) = await incidents.ReadAsync(id, caller, cancellationToken);
        var staff = IncidentAccess.CanWork(caller, incident) || caller.IsStaff && !IncidentAccess.IsRestricted(incident)
            || IncidentAccess.HasSecurityAccess(caller, settings);
        var events = (await log.TimelineAsync(incident, cancellationToken))
            .Where(e => staff || e.Visibility == EventVisibility.Public)
            .Select(e => staff ? e.ToResponse() : e.ToResponse() with { Notify = [] })
            .ToList();
        if (staff && IncidentAccess.IsRestricted(incident))
        {
            events.AddRange((await accessLog.ForRecordAsync(incident.Id, cancellationToken)).Select(read => new EventResponse
            {
                Id = read.Id,
                RecordId = read.RecordId,
                RecordType = Incident.Type,
                Seq = 0,
                Kind = "RestrictedRecordRead",
                At = read.At,
                ActorId = read.ActorId,
                Via = read.Via,
                Channel = read.Channel,
                Visibility = EventVisibility.Internal,
            }));
        }

        IReadOnlyList<EventResponse> ordered = events.OrderBy(e => e.At).ThenBy(e => e.Seq).ToList();
        return TypedResults.Ok(ordered);
    }

    private static async Task<Ok<IncidentResponse>> LinkAsync(string id, LinkIncidentRequest request, Caller caller, IncidentService incidents,
        RelatedRecordFinder related, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var kind = request.Kind!.Value;
        var target = request.TargetId!;
        if (kind is IncidentLinkKind.ParentIncident or IncidentLinkKind.RecurrenceOf or IncidentLinkKind.DuplicateOf)
        {
            await incidents.ReadAsync(target, caller, cancellationToken);
        }

        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), async (incident, _, now) =>
        {
            var before = RelatedRecordFinder.Basis(incident);
            IncidentLinks.Add(incident, kind, target, caller, now);
            await related.RefreshAsync(incident, before, now, cancellationToken); // a CI added is a classification (INC-04)
            return incident;
        }, cancellationToken);
        await incidents.AddLinkAsync(incident, kind, target, caller.Actor, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IReadOnlyList<LinkView>>> LinksAsync(string id, Caller caller, IncidentService incidents, LinkStore links, CancellationToken cancellationToken)
    {
        await incidents.ReadAsync(id, caller, cancellationToken);
        IReadOnlyList<LinkView> result = (await links.OfAsync(id, cancellationToken))
            .Select(l => LinkView.From(l.FromId, l.Kind, l.ToId, id, l.CreatedAt))
            .ToList();
        return TypedResults.Ok(result);
    }

    private static readonly string[] CsvColumns =
        ["id", "summary", "state", "priority", "serviceId", "category", "groupId", "assigneeId", "reporterId", "createdAt", "resolutionDue",
         "responseBreached", "resolutionBreached", "atRisk"];

    private static string[] CsvRow(IncidentSummary s) =>
    [
        s.Id, s.Summary, s.State.ToString(), s.Priority.ToString(), s.ServiceId, s.Category ?? "", s.GroupId ?? "", s.AssigneeId ?? "", s.ReporterId,
        UtcTimestampConverter.Text(s.CreatedAt), s.ResolutionDue is { } due ? UtcTimestampConverter.Text(due) : "",
        Bool(s.Sla.ResponseBreached), Bool(s.Sla.ResolutionBreached), Bool(s.Sla.AtRisk),
    ];

    private static string Bool(bool value) => value ? "true" : "false";
}
