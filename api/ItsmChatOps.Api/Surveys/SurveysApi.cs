using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Surveys;

/// <summary>Satisfaction surveys after closure (BRM-08 … BRM-10).</summary>
public static class SurveysApi
{
    public static RouteGroupBuilder MapSurveys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/surveys").WithTags("Surveys");
        group.MapGet("/report", ReportAsync).WithSummary("Staff: satisfaction per question-set version and sampling method, by month, with drops flagged (BRM-09, BRM-10).");
        group.MapGet("/{id}", GetAsync).WithSummary("A survey (its respondent, or staff).");
        group.MapPost("/{id}/responses", AnswerAsync).Validated<AnswerSurveyRequest>()
            .WithSummary("The reporter rates 1–5 with an optional comment, once, before it expires (BRM-08); 2 or less opens a follow-up (BRM-10).");
        return group;
    }

    private static async Task<Ok<SurveyResponse>> GetAsync(string id, Caller caller, SurveyService surveys, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok((await surveys.GetAsync(id, caller, cancellationToken)).ToResponse(time.GetUtcNow()));

    private static async Task<Ok<SurveyResponse>> AnswerAsync(string id, AnswerSurveyRequest request, Caller caller, SurveyService surveys, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok((await surveys.AnswerAsync(id, request, caller, cancellationToken)).ToResponse(time.GetUtcNow()));

    private static async Task<Ok<SurveyReport>> ReportAsync(Caller caller, SurveyService surveys, TimeProvider time, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Satisfaction reports are for staff.", "SEC-01");
        }

        var end = to ?? time.GetUtcNow().AddSeconds(1); // up to and including now
        return TypedResults.Ok(await surveys.ReportAsync(from ?? end.AddMonths(-6), end, cancellationToken));
    }
}

/// <summary>BRM-08: closing an incident schedules its survey, through the event so the closure and the survey cannot drift apart.</summary>
public sealed class SurveyOnClosure(IncidentStore incidents, SurveyService surveys) : IEventReaction
{
    public bool Handles(DomainEvent domainEvent) => domainEvent is { RecordType: Incident.Type, Kind: "IncidentClosed" };

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (await incidents.GetAsync(domainEvent.RecordId, cancellationToken) is { } incident)
        {
            await surveys.ScheduleAsync(incident, cancellationToken);
        }
    }
}
