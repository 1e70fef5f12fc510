using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Api.Client.Tasks;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Surveys;

public sealed class SurveyTests(ApiFactory api) : SurveyTestBase(api), IClassFixture<ApiFactory>
{

    [Fact]
    [Trait("Requirement", "BRM-08")]
    public async Task Closure_SendsTheReporterASurvey_OnlyTheyAnswerIt_Once_BeforeItExpires()
    {
        _api.NextMonday();
        var closed = await ClosedForAsync(_steps.Dave);
        var survey = await SurveyOfAsync(closed.Id, _steps.Dave);
        Assert.Equal(SurveyState.Pending, survey.State);
        Assert.Equal("dave", survey.RespondentId);
        var requested = (await _api.AsBot(null).GetAsync("/api/events?limit=500")).Content.ReadAsStringAsync();
        Assert.Contains($"\"recordId\":\"{survey.Id}\"", await requested);

        var other = await _steps.Bob.PostJsonAsync($"/api/surveys/{survey.Id}/responses", new AnswerSurveyRequest(5, null));
        await other.ProblemAsync(HttpStatusCode.Forbidden);
        var answered = await (await _steps.Dave.PostJsonAsync($"/api/surveys/{survey.Id}/responses", new AnswerSurveyRequest(4, "Quick and friendly")))
            .ReadAsync<SurveyResponse>();
        Assert.Equal(SurveyState.Answered, answered.State);
        var twice = await _steps.Dave.PostJsonAsync($"/api/surveys/{survey.Id}/responses", new AnswerSurveyRequest(5, null));
        Assert.Contains("BRM-08", (await twice.ProblemAsync(HttpStatusCode.Conflict)).Requirements());
    }

    [Fact]
    [Trait("Requirement", "BRM-08")]
    public async Task Survey_AnsweredAfterEightDays_IsExpired_AndOnePerPersonPerDay()
    {
        _api.NextMonday();
        var first = await ClosedForAsync(_api.As("ellen@contoso.test"));
        var second = await ClosedForAsync(_api.As("ellen@contoso.test"));
        var survey = await SurveyOfAsync(first.Id, _api.As("ellen@contoso.test"));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.As("ellen@contoso.test").GetAsync($"/api/surveys/SRV-{second.Id}")).StatusCode);
        _api.Clock.Advance(TimeSpan.FromDays(8));
        var late = await _api.As("ellen@contoso.test").PostJsonAsync($"/api/surveys/{survey.Id}/responses", new AnswerSurveyRequest(3, null));
        Assert.Contains("expired", (await late.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [Fact]
    [Trait("Requirement", "BRM-10")]
    public async Task LowScore_OpensAFollowUpForTheServiceDeskLead_DueInTwoServiceDays_AndTellsTheRelationshipManager()
    {
        var monday = _api.NextMonday();
        var erin = _api.As("erin@fabrikam.test");
        var closed = await ClosedForAsync(erin, Requests.Incident("CRM export fails", "svc-crm", category: "Software > Business application"), "grp-business-apps", "priya@contoso.test");
        var survey = await AnswerAsync(closed, erin, 2, "Took three days and nobody told me anything");
        Assert.NotNull(survey.FollowUpTaskId);
        var tasks = await (await _api.As("heidi@contoso.test").GetAsync("/api/tasks")).ReadAsync<List<FollowUpTaskResponse>>();
        var task = Assert.Single(tasks, t => t.Id == survey.FollowUpTaskId);
        Assert.Equal("ServiceDeskLead", task.AssigneeRole);
        Assert.Equal(monday.AddDays(2), task.DueAt);
        await _api.RelayEventsAsync();
        var feed = await (await _api.AsBot(null).GetAsync("/api/events?limit=500")).Content.ReadAsStringAsync();
        Assert.Contains("\"kind\":\"LowSatisfactionReported\"", feed);
        Assert.Contains("\"notify\":[\"role:ServiceDeskLead\",\"carol\"]", feed);
        var done = await (await _api.As("heidi@contoso.test").PostJsonAsync($"/api/tasks/{task.Id}/complete", new CompleteTaskRequest("Called Erin, apologised, explained the delay.")))
            .ReadAsync<FollowUpTaskResponse>();
        Assert.Equal(FollowUpState.Done, done.State);
    }

    [Fact]
    [Trait("Requirement", "BRM-10")]
    public async Task MonthlyAverage_DroppingByHalfAPoint_IsFlagged()
    {
        var start = _api.NextMonday();
        foreach (var (rating, days) in new[] { (5, 1), (4, 33), (4, 1), (3, 1) })
        {
            await AnswerAsync(await ClosedForAsync(_steps.Dave), _steps.Dave, rating);
            _api.Clock.Advance(TimeSpan.FromDays(days));
        }

        var report = await (await _steps.Alice.GetAsync($"/api/surveys/report?from={Uri.EscapeDataString(UtcTimestampConverter.Text(start))}")).ReadAsync<SurveyReport>();
        var months = Assert.Single(report.Series).Months;
        Assert.Equal([false, true], months.Select(m => m.DropFlagged));
        Assert.Equal([4.5, 3.5], months.Select(m => m.Average));
    }
}
