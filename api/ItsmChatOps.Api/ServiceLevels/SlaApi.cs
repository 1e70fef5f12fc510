using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.ServiceLevels;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ServiceLevels;

/// <summary>Service level agreements (SLM-02, SLM-12): drafted, activated when complete, versioned when edited.</summary>
public static class SlaApi
{
    public static RouteGroupBuilder MapSlas(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/slas").WithTags("Service levels");
        group.MapGet("/", ListAsync).WithSummary("SLAs (staff: all; customer users: their organization's).");
        group.MapGet("/items", () => TypedResults.Ok(ServiceLevelAgreement.RequiredItems)).WithSummary("The content items an SLA needs before activation (SLM-02).");
        group.MapGet("/{id}", GetAsync).WithSummary("One SLA, with the items it still lacks.");
        group.MapPost("/", CreateAsync).Validated<SaveSlaRequest>().WithSummary("Service level managers: draft an SLA.");
        group.MapPut("/{id}", UpdateAsync).Validated<SaveSlaRequest>().WithSummary("Edit; an Active SLA gets a new version, and records keep the one they were evaluated under (SLM-12).");
        group.MapPost("/{id}/activate", ActivateAsync).WithSummary("Activate a complete SLA; 422 names every missing item (SLM-02).");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<SlaResponse>>> ListAsync(Caller caller, SlaStore slas, CancellationToken cancellationToken)
    {
        IReadOnlyList<SlaResponse> result = (await slas.ListAsync(cancellationToken))
            .Where(s => caller.IsStaff || (caller.Person.CustomerId is { } c && s.CustomerId == c))
            .Select(s => s.ToResponse()).ToList();
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<SlaResponse>> GetAsync(string id, Caller caller, SlaStore slas, CancellationToken cancellationToken)
    {
        var sla = await slas.GetAsync(id, cancellationToken);
        if (sla is null || !(caller.IsStaff || sla.CustomerId == caller.Person.CustomerId))
        {
            throw Problems.NotFound("SLA", id);
        }

        return TypedResults.Ok(sla.ToResponse());
    }

    private static async Task<Created<SlaResponse>> CreateAsync(SaveSlaRequest request, Caller caller, SlaStore slas, ServiceStore services, PeopleStore people,
        TimeProvider time, CancellationToken cancellationToken)
    {
        RequireManager(caller);
        await CheckReferencesAsync(request, services, people, cancellationToken);
        var now = time.GetUtcNow();
        var sla = new ServiceLevelAgreement { Id = await slas.NextIdAsync(cancellationToken), Name = request.Name!, CustomerId = request.CustomerId!, CreatedAt = now, CreatedBy = caller.Id };
        Apply(sla, request);
        sla.Raise(caller.Actor, now, "SlaDrafted", EventVisibility.Internal, data: new JsonObject { ["customerId"] = sla.CustomerId });
        var saved = await slas.SaveAsync(sla, created: true, cancellationToken);
        return TypedResults.Created($"/api/slas/{saved.Id}", saved.ToResponse());
    }

    private static async Task<Ok<SlaResponse>> UpdateAsync(string id, SaveSlaRequest request, Caller caller, SlaStore slas, ServiceStore services, PeopleStore people,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        RequireManager(caller);
        await CheckReferencesAsync(request, services, people, cancellationToken);
        var sla = await slas.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("SLA", id);
        ETags.Require(ETags.IfMatch(context), sla.ETag, id);
        var before = sla.Version;
        Apply(sla, request);
        if (sla.Status == SlaStatus.Active)
        {
            RequireComplete(sla);
            sla.Version++;
        }

        sla.Raise(caller.Actor, time.GetUtcNow(), "SlaUpdated", EventVisibility.Internal, [RecordDocument.Change("version", before, sla.Version)]);
        return TypedResults.Ok((await SaveAsync(slas, sla, id, cancellationToken)).ToResponse());
    }

    private static async Task<Ok<SlaResponse>> ActivateAsync(string id, Caller caller, SlaStore slas, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        RequireManager(caller);
        var sla = await slas.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("SLA", id);
        ETags.Require(ETags.IfMatch(context), sla.ETag, id);
        if (sla.Status == SlaStatus.Active)
        {
            throw Problems.Conflict($"{id} is already active.", "SLM-02");
        }

        RequireComplete(sla);
        sla.Status = SlaStatus.Active;
        sla.ValidFrom ??= time.GetUtcNow();
        sla.Raise(caller.Actor, time.GetUtcNow(), "SlaActivated", EventVisibility.Internal, [RecordDocument.Change("status", SlaStatus.Draft, SlaStatus.Active)]);
        return TypedResults.Ok((await SaveAsync(slas, sla, id, cancellationToken)).ToResponse());
    }

    private static async Task<ServiceLevelAgreement> SaveAsync(SlaStore slas, ServiceLevelAgreement sla, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await slas.SaveAsync(sla, created: false, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed)
        {
            throw Problems.StaleETag(id);
        }
    }

    private static void Apply(ServiceLevelAgreement sla, SaveSlaRequest request)
    {
        sla.Name = request.Name!;
        sla.CustomerId = request.CustomerId!;
        sla.ServiceIds = request.ServiceIds!.Distinct().ToList();
        sla.CalendarId = request.CalendarId ?? sla.CalendarId;
        sla.Targets = request.Targets?.ToList() ?? sla.Targets;
        sla.EmergencyContactIds = request.EmergencyContactIds?.Distinct().ToList() ?? sla.EmergencyContactIds;
        sla.EscalationPath = request.EscalationPath?.ToList() ?? sla.EscalationPath;
        sla.ValidFrom = request.ValidFrom ?? sla.ValidFrom;
        sla.ValidTo = request.ValidTo ?? sla.ValidTo;
        sla.Items = request.Items?.ToDictionary() ?? sla.Items;
    }

    private static void RequireComplete(ServiceLevelAgreement sla)
    {
        var missing = sla.MissingItems();
        if (missing.Count > 0)
        {
            throw Problems.Validation(missing.ToDictionary(m => m, m => new[] { $"'{m}' is required before the SLA is active (SLM-02)." }), "SLM-02");
        }
    }

    private static async Task CheckReferencesAsync(SaveSlaRequest request, ServiceStore services, PeopleStore people, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var unknown = new List<string>();
        foreach (var serviceId in request.ServiceIds ?? [])
        {
            if (await services.GetAsync(serviceId, cancellationToken) is null)
            {
                unknown.Add(serviceId);
            }
        }

        if (unknown.Count > 0)
        {
            errors["serviceIds"] = [$"Unknown services: {string.Join(", ", unknown)}."];
        }

        if (await people.GetCustomerAsync(request.CustomerId!, cancellationToken) is null)
        {
            errors["customerId"] = [$"Customer '{request.CustomerId}' does not exist."];
        }

        foreach (var contact in (request.EmergencyContactIds ?? []).Concat((request.EscalationPath ?? []).SelectMany(s => s.ContactIds ?? [])).Distinct())
        {
            if (await people.GetAsync(contact, cancellationToken) is null)
            {
                errors["emergencyContactIds"] = [.. errors.GetValueOrDefault("emergencyContactIds", []), $"'{contact}' is not a known person."];
            }
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "SLM-02");
        }
    }

    private static void RequireManager(Caller caller) => caller.Require("SLM-02", ItsmRole.ServiceLevelManager, ItsmRole.Admin);
}
