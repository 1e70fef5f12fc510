using System.Globalization;
using CsvHelper;
using ItsmChatOps.Api.Client.Reporting;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Reporting;

/// <summary>Service reports (RPT-02, RPT-03): JSON, CSV and chart images.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reports").WithTags("Reports");
        group.MapGet("/sla", SlaAsync).WithSummary("SLA performance for a service or a customer's services over a period (RPT-02); default: the last 28 days.");
        group.MapGet("/sla/export", SlaCsvAsync).WithSummary("The same report as CSV, a row per priority.").Produces(200, contentType: "text/csv");
        group.MapGet("/sla/charts/{name}.png", SlaChartAsync).WithSummary("A chart of the report: attainment, causes or trend (PNG sized for a chat card).").Produces(200, contentType: "image/png");
        group.MapGet("/at-risk", AtRiskAsync).WithSummary("Open records expected to breach within N hours or past the at-risk share, soonest first (RPT-03).");
        return group;
    }

    private static async Task<Ok<SlaReport>> SlaAsync(Caller caller, SlaReporter reporter, TimeProvider time, string? serviceId, string? customerId,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        TypedResults.Ok(await BuildAsync(caller, reporter, time, serviceId, customerId, from, to, cancellationToken));

    private static async Task SlaCsvAsync(Caller caller, SlaReporter reporter, TimeProvider time, HttpContext context, string? serviceId, string? customerId,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var report = await BuildAsync(caller, reporter, time, serviceId, customerId, from, to, cancellationToken);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=sla-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv";
        await using var csv = CsvWriter.Create(context.Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(["priority", "incidents", "responded", "respondedWithinTargetPercent", "resolved", "resolvedWithinTargetPercent", "breached"]);
        foreach (var row in report.ByPriority)
        {
            await csv.WriteRecordAsync([row.Priority.ToString(), Number(row.Count), Number(row.Responded), Percent(row.RespondedWithinTarget),
                Number(row.Resolved), Percent(row.ResolvedWithinTarget), Number(row.Breached)], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> SlaChartAsync(string name, Caller caller, SlaReporter reporter, TimeProvider time,
        string? serviceId, string? customerId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        if (!SlaCharts.Names.Contains(name))
        {
            return TypedResults.NotFound();
        }

        var report = await BuildAsync(caller, reporter, time, serviceId, customerId, from, to, cancellationToken);
        return TypedResults.File(SlaCharts.Render(name, report)!, "image/png");
    }

    private static async Task<Ok<IReadOnlyList<AtRiskItem>>> AtRiskAsync(Caller caller, AtRiskView view, string? groupId, double? hours, CancellationToken cancellationToken)
    {
        RequireStaff(caller);
        if (hours is <= 0 or > 24 * 14)
        {
            throw Problems.BadRequest("hours must be more than 0 and at most 336.", "hours");
        }

        return TypedResults.Ok(await view.ListAsync(groupId, hours, cancellationToken));
    }

    private static async Task<SlaReport> BuildAsync(Caller caller, SlaReporter reporter, TimeProvider time, string? serviceId, string? customerId,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            // Customers see their own organization's figures only (SEC-01).
            customerId = caller.Person.CustomerId ?? throw Problems.Forbidden("SLA reports are for staff and customer representatives.", "SEC-01");
            serviceId = null;
        }

        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-28);
        if (start >= end)
        {
            throw Problems.BadRequest("'from' must be before 'to'.", "from");
        }

        return await reporter.BuildAsync(serviceId, customerId, start, end, cancellationToken);
    }

    private static void RequireStaff(Caller caller)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("This view is for staff.", "SEC-01");
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";
}
