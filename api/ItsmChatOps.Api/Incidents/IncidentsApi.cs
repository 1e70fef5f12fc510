using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Idempotency;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ItsmChatOps.Api.Incidents;

/// <summary>Incident management (requirements §7.2): the route table, then the handlers.</summary>
public static partial class IncidentsApi
{
    public static RouteGroupBuilder MapIncidents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/incidents").WithTags("Incidents")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync).Validated<CreateIncidentRequest>()
            .WithSummary("Raise an incident (INC-01, INC-02); priority comes from impact × urgency (SLM-05). Honours Idempotency-Key.");
        group.MapPost("/drafts", DraftAsync).Validated<DraftIncidentRequest>()
            .WithSummary("Read free text into a prefilled incident and the fields still to ask (INC-01); nothing is written.");
        group.MapGet("/", ListAsync).WithSummary("List incidents with any combination of filters, paged (RPT-10, SLM-11).");
        group.MapGet("/export", ExportAsync).WithSummary("The same list as CSV, every page (RPT-10).").Produces(200, contentType: "text/csv");
        group.MapGet("/{id}", GetAsync).WithSummary("One incident; the ETag header is the version to send back in If-Match.").ProducesProblem(404);
        group.MapPatch("/{id}", UpdateAsync).Validated<UpdateIncidentRequest>().WithSummary("Edit descriptive fields and classification (INC-04, SEC-03).").ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/priority", ReprioritizeAsync).Validated<ReprioritizeIncidentRequest>().WithSummary("Change impact/urgency with a reason; incident managers may override (INC-03).").ProducesProblem(412);
        group.MapPost("/{id}/transitions", TransitionAsync).Validated<TransitionIncidentRequest>().WithSummary("Move along the state machine of §16.1 (INC-07); other moves are 409.").ProducesProblem(409).ProducesProblem(412);
        group.MapPost("/{id}/confirmation", ConfirmAsync).Validated<ConfirmResolutionRequest>().WithSummary("The reporter confirms the fix (closes) or rejects it with a reason (reopens) (INC-05, INC-17).").ProducesProblem(409);
        group.MapPost("/{id}/notes", AddNoteAsync).Validated<AddNoteRequest>().WithSummary("Add an internal note or a customer-visible comment (INC-10).");
        group.MapGet("/{id}/timeline", TimelineAsync).WithSummary("Every action on the incident in time order; internal entries are left out for customers (INC-10, MGT-05).");
        group.MapPost("/{id}/escalations", EscalateAsync).Validated<EscalateIncidentRequest>().WithSummary("Escalate functionally or hierarchically with a reason (INC-16).");
        group.MapPost("/{id}/affected", MeTooAsync).WithSummary("\"Me too\": the caller is affected too (INC-12).");
        group.MapPost("/{id}/watchers", WatchAsync).WithSummary("Watch the incident (yourself, or anyone when working it).");
        group.MapPost("/{id}/workaround", WorkaroundAsync).Validated<RecordWorkaroundRequest>().WithSummary("Record a workaround; prompts to link or raise a problem when none is linked (INC-13).");
        group.MapPost("/{id}/links", LinkAsync).Validated<LinkIncidentRequest>().WithSummary("Link to a CI, problem, known error, change or incident; two-way (INC-18).").ProducesProblem(409);
        group.MapGet("/{id}/links", LinksAsync).WithSummary("Links from and to the incident (INC-18).");
        group.MapPost("/{id}/recurrence", RecurrenceAsync).Validated<RecurrenceRequest>().WithSummary("\"Still happening?\" after closure: a new incident linked as a recurrence (INC-17).");
        group.MapPost("/{id}/deliveries", DeliveryAsync).Validated<DeliveryReport>().WithSummary("The bot reports whether a message about the incident reached its recipients (INC-05, INC-15).");
        group.MapPost("/monitoring-clear", MonitoringClearAsync).Validated<MonitoringClearRequest>().WithSummary("A monitoring tool's all-clear for an alert key (INC-06).");
        return group;
    }

    private static async Task<Results<Created<IncidentResponse>, Ok<IncidentResponse>>> CreateAsync(
        CreateIncidentRequest request, Caller caller, IncidentService incidents, TimeProvider time, HttpContext context,
        [FromHeader(Name = IdempotencyStore.Header)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var (incident, created) = await incidents.CreateAsync(request, caller, idempotencyKey, cancellationToken);
        var response = WithETag(context, incident, time, caller.IsStaff);
        return created ? TypedResults.Created($"/api/incidents/{incident.Id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<IncidentResponse>> GetAsync(string id, Caller caller, IncidentService incidents, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var (incident, _) = await incidents.ReadAsync(id, caller, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> UpdateAsync(string id, UpdateIncidentRequest request, Caller caller, IncidentService incidents,
        ServiceCatalog.ServiceStore services, RelatedRecordFinder related, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var newService = request.ServiceId is null ? null : await services.GetAsync(request.ServiceId, cancellationToken);
        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), async (incident, settings, now) =>
        {
            var before = RelatedRecordFinder.Basis(incident);
            IncidentEdits.Update(incident, request, caller, newService, settings, now);
            await related.RefreshAsync(incident, before, now, cancellationToken); // reclassified: suggest again (INC-04)
            return incident;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentResponse>> ReprioritizeAsync(string id, ReprioritizeIncidentRequest request, Caller caller, IncidentService incidents,
        MajorIncidents.MajorIncidentAuthority authority, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var incident = await incidents.ChangeAsync(id, caller, ETags.IfMatch(context), async (incident, settings, now) =>
        {
            IncidentEdits.Reprioritize(incident, request, caller, settings, now, await authority.IsManagerAsync(caller, incident, cancellationToken));
            return incident;
        }, cancellationToken);
        return TypedResults.Ok(WithETag(context, incident, time, caller.IsStaff));
    }

    private static async Task<Ok<IncidentDraft>> DraftAsync(DraftIncidentRequest request, Caller caller, ServiceCatalog.ServiceStore services,
        Policies.PolicyStore policies, CancellationToken cancellationToken)
    {
        var (intake, _) = await policies.CurrentAsync<Intake.IntakePolicy>(Policies.PolicyKinds.Intake, cancellationToken);
        var visible = await services.AllAsync(cancellationToken);
        if (caller.IsCustomerUser)
        {
            visible = visible.Where(s => s.CustomerIds.Contains(caller.Person.CustomerId!)).ToList();
        }

        return TypedResults.Ok(Intake.IncidentIntake.Draft(request.Text!, visible, intake));
    }

    private static IncidentResponse WithETag(HttpContext context, Incident incident, TimeProvider time, bool staffView)
    {
        context.Response.Headers.ETag = incident.ETag;
        return IncidentMapping.ToResponse(incident, time.GetUtcNow(), staffView);
    }
}
