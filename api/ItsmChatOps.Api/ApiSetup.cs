using ItsmChatOps.Api.Audit;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Idempotency;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Seed;
using ItsmChatOps.Api.ServiceCatalog;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ItsmChatOps.Api;

/// <summary>The composition root: conventions every endpoint shares, then one registration per feature.</summary>
public static class ApiSetup
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddApiConventions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options => ItsmJson.Configure(options.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true); // same 400 ProblemDetails in every environment
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = MaxBodyBytes);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Type?.StartsWith(Problems.TypeBase, StringComparison.Ordinal) == true)
            {
                return;
            }

            context.ProblemDetails.Type = Problems.TypeOf(context.ProblemDetails.Status switch
            {
                401 => "unauthenticated",
                403 => "forbidden",
                404 => "not-found",
                405 => "method-not-allowed",
                413 => "payload-too-large",
                _ => "error",
            });
        });
        builder.Services.AddExceptionHandler<ProblemHandling>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "ItsmChatOps API", Version = "v1", Description = "IT service management records and rules (BS 15000 / ISO 20000)." };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT" };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static IHostApplicationBuilder AddRecords(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(new Partitions(builder.Configuration["Itsm:TenantId"] ?? "default"));
        services.AddSingleton<Leases>();
        services.AddSingleton<EventLog>();
        services.AddSingleton<EventRelaySignal>();
        services.AddSingleton<EventRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<EventRelay>());
        services.AddSingleton<EventReactions>();
        services.AddHostedService(sp => sp.GetRequiredService<EventReactions>());
        services.AddSingleton<LinkStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<ServiceStore>();
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<BotState.BotStateStore>();
        services.AddSingleton<Seeder>();
        services.AddHostedService(sp => sp.GetRequiredService<Seeder>());
        EventLog.DeclareIndexes(services);
        LinkStore.DeclareIndexes(services);
        AccessLog.DeclareIndexes(services);
        PeopleStore.DeclareIndexes(services);
        PolicyStore.DeclareIndexes(services);
        ServiceStore.DeclareIndexes(services);
        foreach (var source in new[] { Person.Type, Group.Type, Customer.Type, Service.Type, PolicyDocument.Type })
        {
            services.AddSingleton(new EventSource(source));
        }

        return builder;
    }

    public static IHostApplicationBuilder AddIncidents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ServiceLevels.SlaStore>();
        services.AddSingleton(new EventSource(ServiceLevels.ServiceLevelAgreement.Type));
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<Reporting.SlaReporter>();
        services.AddSingleton<Reporting.AtRiskView>();
        services.AddSingleton<Reporting.AtRiskDigest>();
        services.AddHostedService(sp => sp.GetRequiredService<Reporting.AtRiskDigest>());
        services.AddSingleton(new EventSource(Reporting.DigestDocument.Type));
        services.AddSingleton<IncidentSettingsProvider>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<RelatedRecordFinder>();
        services.AddSingleton<IncidentTimers>();
        services.AddSingleton<Surveys.SurveyService>();
        services.AddSingleton<Tasks.TaskStore>();
        services.AddSingleton<IEventReaction, Surveys.SurveyOnClosure>();
        services.AddSingleton(new EventSource(Surveys.Survey.Type));
        services.AddSingleton(new EventSource(Tasks.FollowUpTask.Type));
        Surveys.SurveyService.DeclareIndexes(services);
        Tasks.TaskStore.DeclareIndexes(services);
        services.AddHostedService(sp => sp.GetRequiredService<IncidentTimers>());
        services.AddSingleton(new EventSource(Incident.Type));
        IncidentStore.DeclareIndexes(services);
        return builder;
    }

    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Kestrel enforces the limit on streamed bodies too; this answers declared sizes at once, on any server.
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                throw new ProblemException(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large",
                    $"Bodies are limited to {MaxBodyBytes / 1024} KB.");
            }

            await next(context);
        });
        return app;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(options => options.WithTitle("ItsmChatOps API")).AllowAnonymous();
        }

        return app;
    }
}
