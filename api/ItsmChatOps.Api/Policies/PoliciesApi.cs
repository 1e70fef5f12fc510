using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Policies;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Policies;

/// <summary>Configurable policies: read by everyone who needs them, edited by administrators, every edit a new version (requirements §0).</summary>
public static class PoliciesApi
{
    public static RouteGroupBuilder MapPolicies(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/policies").WithTags("Policies");
        group.MapGet("/{kind}", GetAsync).WithSummary("The current version of a policy.");
        group.MapGet("/{kind}/versions/{version:int}", GetVersionAsync).WithSummary("A past version, as records evaluated under it saw it (SLM-12).");
        group.MapPut("/{kind}", SaveAsync).WithSummary("Administrators: save a new version (If-Match: the current version's ETag).")
            .ProducesProblem(403).ProducesProblem(412).ProducesValidationProblem(422);
        routes.MapGet("/api/categories", CategoriesAsync).WithTags("Policies").WithSummary("The incident category tree (INC-04).");
        return group;
    }

    private static async Task<Ok<PolicyResponse>> GetAsync(string kind, Caller caller, PolicyStore policies, CancellationToken cancellationToken)
    {
        KnownKind(kind);
        var current = await policies.CurrentDocumentAsync(kind, cancellationToken) ?? throw Problems.NotFound("Policy", kind);
        return TypedResults.Ok(ToResponse(current.Value, current.ETag));
    }

    private static async Task<Ok<PolicyResponse>> GetVersionAsync(string kind, int version, Caller caller, PolicyStore policies, CancellationToken cancellationToken)
    {
        KnownKind(kind);
        var document = await policies.DocumentAsync(kind, version, cancellationToken) ?? throw Problems.NotFound("Policy version", $"{kind}@{version}");
        return TypedResults.Ok(ToResponse(document.Value, document.ETag));
    }

    private static async Task<Ok<PolicyResponse>> SaveAsync(string kind, JsonObject body, Caller caller, PolicyStore policies, HttpContext context, CancellationToken cancellationToken)
    {
        caller.Require("MGT-05", ItsmRole.Admin);
        var type = KnownKind(kind);
        object typed;
        try
        {
            typed = body.Deserialize(type, ItsmJson.Options) ?? throw Problems.BadRequest("The policy body is empty.");
        }
        catch (JsonException ex)
        {
            throw Problems.BadRequest($"The policy body does not match the {kind} policy: {ex.Message}", ex.Path?.TrimStart('$', '.'));
        }

        PolicyValidation.Check(kind, typed);
        var current = await policies.CurrentDocumentAsync(kind, cancellationToken);
        if (ETags.IfMatch(context) is { } ifMatch && current is not null)
        {
            ETags.Require(ifMatch, current.ETag, kind);
        }

        try
        {
            var saved = await policies.SaveAsync(kind, typed, caller.Actor, cancellationToken);
            return TypedResults.Ok(ToResponse(saved.Value, saved.ETag));
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            throw Problems.StaleETag(kind);
        }
    }

    private static async Task<Ok<IReadOnlyList<CategoryNode>>> CategoriesAsync(Caller caller, PolicyStore policies, CancellationToken cancellationToken)
    {
        var (tree, _) = await policies.CurrentAsync<CategoryTreePolicy>(PolicyKinds.Categories, cancellationToken);
        IReadOnlyList<CategoryNode> nodes = tree.Categories
            .Select(c => new CategoryNode(c.Name, c.Name, c.Children.Select(child => new CategoryNode(child, $"{c.Name}{CategoryTreePolicy.Separator}{child}", [])).ToList()))
            .ToList();
        return TypedResults.Ok(nodes);
    }

    private static PolicyResponse ToResponse(PolicyDocument document, string etag) =>
        new(document.Kind, document.Version, document.EffectiveFrom, document.CreatedBy, document.Body, etag);

    private static Type KnownKind(string kind) => kind switch
    {
        PolicyKinds.Matrix => typeof(PriorityMatrixPolicy),
        PolicyKinds.Targets => typeof(ServiceLevelTargetsPolicy),
        PolicyKinds.Incident => typeof(IncidentPolicy),
        PolicyKinds.Categories => typeof(CategoryTreePolicy),
        PolicyKinds.Change => typeof(Changes.ChangePolicy),
        PolicyKinds.ChangeBlackouts => typeof(Changes.BlackoutPolicy),
        PolicyKinds.Intake => typeof(Incidents.Intake.IntakePolicy),
        PolicyKinds.Survey => typeof(Surveys.SurveyPolicy),
        Knowledge.KnowledgeService.PolicyKind => typeof(Knowledge.KnowledgePolicy),
        ProblemManagement.ProblemPolicy.Kind => typeof(ProblemManagement.ProblemPolicy),
        MajorIncidents.MajorIncidentPolicy.Kind => typeof(MajorIncidents.MajorIncidentPolicy),
        _ when kind.StartsWith("calendar-", StringComparison.Ordinal) => typeof(CalendarPolicy),
        _ => throw Problems.NotFound("Policy", kind),
    };
}
