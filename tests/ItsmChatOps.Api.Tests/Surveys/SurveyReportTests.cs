using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Surveys;

/// <summary>Changes the survey policy, so it has a host of its own.</summary>
public sealed class SurveyReportTests(ApiFactory api) : SurveyTestBase(api), IClassFixture<ApiFactory>
{
    [Fact]
    [Trait("Requirement", "BRM-09")]
    [Trait("Requirement", "BRM-10")]
    public async Task Responses_KeepTheirContext_SeriesByQuestionSetVersion_AndMonthlyDropsFlagged()
    {
        _api.NextMonday();
        var monthOne = _api.Clock.GetUtcNow();
        foreach (var rating in new[] { 5, 4 })
        {
            await AnswerAsync(await ClosedForAsync(_steps.Dave), _steps.Dave, rating);
            _api.Clock.Advance(TimeSpan.FromDays(1));
        }

        var changed = await _api.As("grace@contoso.test").PutAsync("/api/policies/survey",
            System.Net.Http.Json.JsonContent.Create(new Api.Surveys.SurveyPolicy { AtMostOnePerHours = 0 }, options: ItsmJson.Options));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        _api.Clock.Advance(TimeSpan.FromDays(31));
        foreach (var rating in new[] { 3, 4 })
        {
            await AnswerAsync(await ClosedForAsync(_steps.Dave), _steps.Dave, rating);
        }

        var answered = await SurveyOfAsync((await ClosedForAsync(_steps.Dave)).Id, _steps.Dave);
        Assert.Equal(Priority.P3, answered.Priority);
        Assert.Equal("grp-messaging", answered.GroupId);
        Assert.Equal(ClosureMethod.ReporterConfirmed, answered.ClosureMethod);
        var report = await (await _steps.Alice.GetAsync($"/api/surveys/report?from={Uri.EscapeDataString(UtcTimestampConverter.Text(monthOne.AddDays(-1)))}"))
            .ReadAsync<SurveyReport>();
        Assert.True(report.Series.Count == 2, System.Text.Json.JsonSerializer.Serialize(report));
        var before = Assert.Single(report.Series, s => s.SamplingMethod.Contains("24h", StringComparison.Ordinal));
        var after = Assert.Single(report.Series, s => s.SamplingMethod == "EveryClosure");
        Assert.Equal(4.5, before.Average);
        Assert.Equal(3.5, after.Average);
        Assert.True(after.QuestionSetVersion > before.QuestionSetVersion);
        Assert.DoesNotContain(after.Months, m => m.DropFlagged); // different series are never compared
    }
}
