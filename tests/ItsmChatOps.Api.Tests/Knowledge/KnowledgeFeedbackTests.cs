using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Knowledge;

public sealed class KnowledgeFeedbackTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly KnowledgeSteps _kb = new(api);
    private readonly IncidentSteps _incidents = new(api);

    [Fact]
    [Trait("Requirement", "KB-04")]
    public async Task TenVotes_FourHelpful_FlagTheItemToItsOwner_AndTheReportListsItFirst()
    {
        var item = await _kb.PublishedAsync(KnowledgeSteps.Article("Label maker ribbon", "Replace the ribbon cassette and run a test print."));
        FeedbackView? last = null;
        for (var vote = 0; vote < 10; vote++)
        {
            var voter = api.As($"voter{vote}@contoso.test");
            last = await (await voter.PostJsonAsync($"/api/knowledge/{item.Id}/feedback", new KnowledgeFeedbackRequest { Helpful = vote < 4, Comment = vote == 9 ? "Did not work for me" : null }))
                .ReadAsync<FeedbackView>();
            Assert.Equal(vote == 9, last.Flagged);
        }

        Assert.Equal((4, 6, 0.4), (last!.Helpful, last.NotHelpful, last.HelpfulRate));
        var flagged = Assert.Single(await _kb.EventsAsync(item.Id), e => e.Kind == "KnowledgeItemFlagged");
        Assert.Equal(["kate"], flagged.Notify);
        var report = await (await _kb.Kate.GetAsync("/api/knowledge/reports/helpfulness?minVotes=10")).ReadAsync<IReadOnlyList<HelpfulnessRow>>();
        Assert.Equal(item.Id, report[0].Id);
        await (await _kb.Dave.GetAsync("/api/knowledge/reports/helpfulness")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "KB-08")]
    public async Task SelfHelp_ThisSolvedIt_RecordsADeflectionAgainstTheItemAndService_AndCreatesNoIncident()
    {
        var before = await (await _kb.Dave.GetAsync("/api/incidents")).ReadAsync<Page<IncidentSummary>>();
        var solved = await (await _kb.Dave.PostJsonAsync("/api/knowledge/self-help",
            new SelfHelpRequest { Outcome = SelfHelpOutcome.Solved, Question = "outlook wants my password again", ServiceId = "svc-email", ItemIds = ["KB-000001"] }))
            .ReadAsync<SelfHelpResponse>();
        Assert.Null(solved.IncidentId);
        Assert.Equal(1, (await _kb.GetAsync("KB-000001")).Deflections);
        var deflected = Assert.Single(await _kb.EventsAsync("KB-000001"), e => e.Kind == "SelfHelpDeflected");
        Assert.Equal("svc-email", deflected.Data!["serviceId"]!.GetValue<string>());
        var after = await (await _kb.Dave.GetAsync("/api/incidents")).ReadAsync<Page<IncidentSummary>>();
        Assert.Equal(before.Items.Count, after.Items.Count);
    }

    [Fact]
    [Trait("Requirement", "KB-08")]
    public async Task SelfHelp_StillNeedHelp_AttachesTheViewedItemsToTheNewIncident()
    {
        var noIncident = await _kb.Dave.PostJsonAsync("/api/knowledge/self-help",
            new SelfHelpRequest { Outcome = SelfHelpOutcome.StillNeedHelp, Question = "vpn drops", ItemIds = ["KB-000010"] });
        await noIncident.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var incident = await _incidents.RaiseAsync(Requests.Incident("VPN keeps dropping", "svc-vpn", category: "Network > VPN"));
        await (await _kb.Dave.PostJsonAsync("/api/knowledge/self-help",
            new SelfHelpRequest { Outcome = SelfHelpOutcome.StillNeedHelp, Question = "vpn drops", ItemIds = ["KB-000010", "KB-000011"], IncidentId = incident.Id }))
            .ReadAsync<SelfHelpResponse>();
        var links = await (await _kb.Alice.GetAsync($"/api/incidents/{incident.Id}/links")).ReadAsync<IReadOnlyList<LinkView>>();
        Assert.Equal(["KB-000010", "KB-000011"], links.Where(l => l.Kind == "ViewedKnowledge").Select(l => l.ToId).Order());
        var bySomeoneElse = await _kb.Erin.PostJsonAsync("/api/knowledge/self-help",
            new SelfHelpRequest { Outcome = SelfHelpOutcome.StillNeedHelp, Question = "vpn drops", ItemIds = ["KB-000010"], IncidentId = incident.Id });
        Assert.True(bySomeoneElse.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "KB-03")]
    public async Task Workaround_AppliedToFourIncidents_OneReopened_Is75PercentEffective()
    {
        var workaround = await _kb.PublishedAsync(KnowledgeSteps.Article("Workaround: calendar sync stalls", "Remove the calendar from the phone and add it again; it resyncs within minutes.",
            KnowledgeAudience.Agents, KnowledgeKind.Workaround, "svc-email"));
        var incidents = new List<IncidentResponse>();
        for (var i = 0; i < 4; i++)
        {
            var incident = await _incidents.InProgressWithBobAsync(Requests.Incident($"Calendar not syncing on phone {i}", category: "Software > Email"));
            await (await _incidents.Bob.PostJsonAsync($"/api/knowledge/{workaround.Id}/applications", new ApplyKnowledgeRequest(incident.Id))).ReadAsync<KnowledgeItemResponse>();
            incidents.Add(await _incidents.MoveAsync(_incidents.Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution("Workaround applied") }));
        }

        await (await _incidents.Dave.PostJsonAsync($"/api/incidents/{incidents[0].Id}/confirmation", new ConfirmResolutionRequest(false, "Still not syncing."))).ReadAsync<IncidentResponse>();
        await api.RunReactionsAsync();
        var effectiveness = (await _kb.GetAsync(workaround.Id)).Effectiveness;
        Assert.Equal((4, 1, 0.75), (effectiveness.Applied, effectiveness.Reopened, effectiveness.Rate));
        var notWorking = await _kb.Dave.PostJsonAsync($"/api/knowledge/{workaround.Id}/applications", new ApplyKnowledgeRequest(incidents[1].Id));
        Assert.True(notWorking.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "KB-04")]
    public async Task MostAskedQuestions_GroupTheSameQuestion_AndCountThoseNothingAnswered()
    {
        foreach (var question in new[] { "How do I reset my password?", "how do i reset my password", "How do I reset my password", "how tall is mount everest" })
        {
            await _kb.AskAsync(question);
        }

        var report = await (await _kb.Kate.GetAsync("/api/knowledge/reports/questions")).ReadAsync<IReadOnlyList<AskedQuestion>>();
        Assert.Equal(3, report[0].Count);
        Assert.Contains("reset my password", report[0].Question, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(report, r => r.Question == "how tall is mount everest" && r.Unanswered == 1);
    }
}
