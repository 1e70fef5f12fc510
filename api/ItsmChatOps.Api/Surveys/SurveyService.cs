using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceLevels;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Tasks;

namespace ItsmChatOps.Api.Surveys;

/// <summary>
/// Satisfaction surveys (BRM-08 … BRM-10): one per closed incident for its reporter, sampled per the
/// policy; answered once, by the reporter only, before it expires; a low score opens a follow-up task
/// for the service desk lead and tells the customer's relationship manager.
/// </summary>
public sealed class SurveyService(IDocumentStore store, Partitions partitions, PolicyStore policies, PeopleStore people,
    TaskStore tasks, EventRelaySignal relay, TimeProvider time)
{
    private readonly RecordCollection<Survey> _surveys = new(store, partitions.For(Survey.Type));

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("survey-respondent", Survey.Type, new SortKey("respondentId"), new SortKey("requestedAt"));
        services.AddStorageIndex("survey-answered", Survey.Type, new SortKey("answeredSort"));
    }

    /// <summary>Schedules the survey of a closed incident; false when sampling skips it or it exists already.</summary>
    public async Task<bool> ScheduleAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (incident.Source == IncidentSource.Monitoring || incident.Closure is null)
        {
            return false; // no person reported it, so nobody to ask
        }

        var (policy, version) = await policies.CurrentAsync<SurveyPolicy>(PolicyKinds.Survey, cancellationToken);
        var now = time.GetUtcNow();
        if (policy.AtMostOnePerHours > 0 && await RecentlyAskedAsync(incident.ReporterId, now.AddHours(-policy.AtMostOnePerHours), cancellationToken))
        {
            return false;
        }

        var reporter = await people.GetAsync(incident.ReporterId, cancellationToken);
        var survey = new Survey
        {
            Id = Survey.IdFor(incident.Id),
            IncidentId = incident.Id,
            IncidentSummary = incident.Summary,
            RespondentId = incident.ReporterId,
            CustomerId = reporter?.CustomerId,
            ServiceId = incident.ServiceId,
            Priority = incident.Priority,
            GroupId = incident.GroupId,
            ClosureMethod = incident.Closure.Method,
            QuestionSetVersion = version,
            SamplingMethod = policy.SamplingMethod,
            RequestedAt = now,
            ExpiresAt = now.AddDays(policy.ExpiresAfterDays),
            CreatedAt = now,
            CreatedBy = Actor.SystemId,
        };
        survey.Raise(Actor.System, now, "SurveyRequested", EventVisibility.Public, notify: [incident.ReporterId],
            data: new JsonObject { ["incidentId"] = incident.Id, ["expiresAt"] = UtcTimestampConverter.Text(survey.ExpiresAt) });
        try
        {
            await _surveys.CreateAsync(survey.Id, survey, cancellationToken);
            relay.Nudge();
            return true;
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            return false; // scheduled before: reactions run at least once
        }
    }

    public async Task<Survey> GetAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var survey = (await _surveys.GetAsync(id, cancellationToken))?.Value ?? throw Problems.NotFound("Survey", id);
        if (survey.RespondentId != caller.Id && !caller.IsStaff)
        {
            throw Problems.NotFound("Survey", id);
        }

        return survey;
    }

    public async Task<Survey> AnswerAsync(string id, AnswerSurveyRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var stored = await _surveys.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Survey", id);
        var survey = stored.Value;
        var now = time.GetUtcNow();
        if (survey.RespondentId != caller.Id)
        {
            throw Problems.Forbidden("Only the person who reported the incident can answer its survey.", "BRM-08");
        }

        switch (survey.StateAt(now))
        {
            case SurveyState.Answered:
                throw Problems.Conflict("This survey has already been answered. Thank you!", "BRM-08");
            case SurveyState.Expired:
                throw Problems.Conflict("This survey has expired.", "BRM-08");
        }

        var (policy, _) = await policies.CurrentAsync<SurveyPolicy>(PolicyKinds.Survey, cancellationToken);
        survey.Rating = request.Rating;
        survey.Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        survey.AnsweredAt = now;
        survey.AnsweredSort = now;
        survey.Raise(caller.Actor, now, "SurveyAnswered", EventVisibility.Internal, [RecordDocument.Change<int?>("rating", null, request.Rating)],
            data: new JsonObject { ["incidentId"] = survey.IncidentId, ["comment"] = survey.Comment });
        if (request.Rating <= policy.LowScoreAtOrBelow)
        {
            await FollowUpAsync(survey, policy, now, cancellationToken);
        }

        try
        {
            var saved = await _surveys.ReplaceAsync(survey.Id, survey, stored.ETag, cancellationToken);
            relay.Nudge();
            return saved.Value;
        }
        catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed)
        {
            throw Problems.Conflict("This survey has already been answered. Thank you!", "BRM-08");
        }
    }

    /// <summary>BRM-10: a task for the service desk lead, due in service days, and a notice to the customer's relationship manager.</summary>
    private async Task FollowUpAsync(Survey survey, SurveyPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (calendar, _) = await policies.CurrentAsync<CalendarPolicy>(PolicyKinds.Calendar("office-hours"), cancellationToken);
        var days = new SlaClock(calendar, twentyFourSeven: false);
        var task = new FollowUpTask
        {
            Id = await tasks.NextIdAsync(cancellationToken),
            Kind = "LowSatisfaction",
            Title = $"Follow up a {survey.Rating}/5 rating on {survey.IncidentId}",
            Detail = survey.Comment,
            AssigneeRole = nameof(ItsmRole.ServiceDeskLead),
            SourceRecordId = survey.Id,
            DueAt = days.Add(now, days.Span(new TargetSpan(policy.FollowUpDueServiceDays, SpanUnit.Days))),
            CreatedAt = now,
            CreatedBy = Actor.SystemId,
        };
        task.Raise(Actor.System, now, "TaskCreated", EventVisibility.Internal, notify: [$"role:{ItsmRole.ServiceDeskLead}"],
            data: new JsonObject { ["sourceRecordId"] = survey.Id, ["incidentId"] = survey.IncidentId });
        await tasks.CreateAsync(task, cancellationToken);
        survey.FollowUpTaskId = task.Id;
        var brm = survey.CustomerId is null ? null : (await people.GetCustomerAsync(survey.CustomerId, cancellationToken))?.BusinessRelationshipManagerId;
        survey.Raise(Actor.System, now, "LowSatisfactionReported", EventVisibility.Internal,
            notify: [$"role:{ItsmRole.ServiceDeskLead}", .. brm is null ? Array.Empty<string>() : [brm]],
            data: new JsonObject { ["rating"] = survey.Rating, ["taskId"] = task.Id, ["incidentId"] = survey.IncidentId });
    }

    public async Task<SurveyReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync<SurveyPolicy>(PolicyKinds.Survey, cancellationToken);
        var answered = new List<Survey>();
        await foreach (var item in _surveys.QueryAllAsync(new DocumentQuery
        {
            Where =
            [
                new Compare("answeredSort", CompareOp.GreaterOrEqual, JsonValue.Create(UtcTimestampConverter.Text(from))),
                new Compare("answeredSort", CompareOp.LessThan, JsonValue.Create(UtcTimestampConverter.Text(to))),
            ],
            OrderBy = [new SortKey("answeredSort")],
            PageSize = 500,
        }, cancellationToken))
        {
            answered.Add(item.Value);
        }

        return SurveyStatistics.Report(from, to, answered, policy.MonthlyDropFlag);
    }

    /// <summary>The average rating of surveys about incidents on these services answered in the period, and how many there were.</summary>
    public async Task<(double? Average, int Count)> AverageAsync(IReadOnlyCollection<string> serviceIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ratings = new List<int>();
        await foreach (var item in _surveys.QueryAllAsync(new DocumentQuery
        {
            Where =
            [
                new In("serviceId", serviceIds.Select(s => JsonValue.Create(s)).ToList()),
                new Compare("answeredSort", CompareOp.GreaterOrEqual, JsonValue.Create(UtcTimestampConverter.Text(from))),
                new Compare("answeredSort", CompareOp.LessThan, JsonValue.Create(UtcTimestampConverter.Text(to))),
            ],
            OrderBy = [new SortKey("answeredSort")],
            PageSize = 500,
        }, cancellationToken))
        {
            ratings.Add(item.Value.Rating!.Value);
        }

        return (ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2), ratings.Count);
    }

    private async Task<bool> RecentlyAskedAsync(string respondentId, DateTimeOffset since, CancellationToken cancellationToken) =>
        await _surveys.CountAsync(
        [
            new Eq("respondentId", JsonValue.Create(respondentId)),
            new Compare("requestedAt", CompareOp.GreaterThan, JsonValue.Create(UtcTimestampConverter.Text(since))),
        ], cancellationToken) > 0;
}
