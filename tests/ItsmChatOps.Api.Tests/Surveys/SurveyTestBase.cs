using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Surveys;

/// <summary>Closing incidents for a reporter and answering their surveys.</summary>
public abstract class SurveyTestBase(ApiFactory api)
{
    protected readonly ApiFactory _api = api;
    protected readonly IncidentSteps _steps = new(api);

    protected async Task<IncidentResponse> ClosedForAsync(HttpClient reporter, CreateIncidentRequest? request = null, string group = "grp-messaging", string resolver = IncidentSteps.Resolver)
    {
        var incident = await _steps.RaiseAsync(request ?? Requests.Incident(category: "Software > Email"), reporter);
        var worker = _api.As(resolver);
        await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = group });
        await _steps.MoveAsync(worker, incident.Id, new() { To = IncidentState.InProgress });
        await _steps.MoveAsync(worker, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        var closed = await (await reporter.PostJsonAsync($"/api/incidents/{incident.Id}/confirmation", new ConfirmResolutionRequest(true, null))).ReadAsync<IncidentResponse>();
        await _api.RunReactionsAsync();
        return closed;
    }

    protected async Task<SurveyResponse> SurveyOfAsync(string incidentId, HttpClient reporter) =>
        await (await reporter.GetAsync($"/api/surveys/SRV-{incidentId}")).ReadAsync<SurveyResponse>();

    protected async Task<SurveyResponse> AnswerAsync(IncidentResponse closed, HttpClient reporter, int rating, string? comment = null) =>
        await (await reporter.PostJsonAsync($"/api/surveys/SRV-{closed.Id}/responses", new AnswerSurveyRequest(rating, comment))).ReadAsync<SurveyResponse>();
}
