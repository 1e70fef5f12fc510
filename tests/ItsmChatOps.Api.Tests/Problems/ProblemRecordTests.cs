using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Problems;

public sealed class ProblemRecordTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly ProblemSteps _problems = new(api);
    private readonly IncidentSteps _incidents = new(api);
    private readonly KnowledgeSteps _kb = new(api);

    [Fact]
    [Trait("Requirement", "PRB-01")]
    public async Task RaiseProblem_FromAnIncident_PrefillsServiceAndCis_AndLinksBothWays_CustomersCannotCreate()
    {
        var incident = await _incidents.RaiseAsync(Requests.Incident("Outlook crashes when opening shared calendars", category: "Software > Email") with { CiIds = ["CI-000123"] });
        var problem = await (await _incidents.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/problem", new RaiseProblemFromIncidentRequest()))
            .ReadAsync<ProblemResponse>(HttpStatusCode.Created);
        Assert.Equal((ProblemState.Logged, "Outlook crashes when opening shared calendars", "paula"), (problem.State, problem.Title, problem.OwnerId));
        Assert.Equal(["svc-email"], problem.ServiceIds);
        Assert.Equal(["CI-000123"], problem.CiIds);
        Assert.Equal([incident.Id], problem.IncidentIds);
        Assert.Contains((await _incidents.GetAsync(incident.Id)).Links, l => l.Kind == IncidentLinkKind.Problem && l.TargetId == problem.Id);
        var links = await (await _incidents.Alice.GetAsync($"/api/links?recordId={problem.Id}")).ReadAsync<IReadOnlyList<LinkView>>();
        Assert.Contains(links, l => l.FromId == incident.Id && l.Direction == "incoming");

        var again = await _incidents.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/problem", new RaiseProblemFromIncidentRequest());
        await again.ProblemAsync(HttpStatusCode.Conflict);
        var byCustomer = await api.As("erin@fabrikam.test").PostJsonAsync("/api/problems", ProblemSteps.Problem());
        Assert.Contains("PRB-01", (await byCustomer.ProblemAsync(HttpStatusCode.Forbidden)).Requirements());
        await (await api.As("erin@fabrikam.test").GetAsync($"/api/problems/{problem.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("Requirement", "INC-13")]
    public async Task WorkaroundWithoutAProblem_Prompts_RaisingTheProblemFromThePrompt_CopiesTheWorkaround_AndOffersItToTheKb()
    {
        var incident = await _incidents.InProgressWithBobAsync();
        var result = await (await _incidents.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/workaround", new RecordWorkaroundRequest("Use Outlook on the web until the cache is cleared.", true)))
            .ReadAsync<IncidentActionResult>();
        Assert.Equal("link-or-create-problem", Assert.Single(result.Prompts).Kind);

        var problem = await (await _incidents.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/problem", new RaiseProblemFromIncidentRequest())).ReadAsync<ProblemResponse>(HttpStatusCode.Created);
        var workaround = Assert.Single(problem.Workarounds);
        Assert.Equal(("Use Outlook on the web until the cache is cleared.", incident.Id), (workaround.Text, workaround.SourceIncidentId));
        var draft = await _kb.GetAsync(workaround.KnowledgeItemId!);
        Assert.Equal((KnowledgeKind.Workaround, KnowledgeState.Draft, problem.Id), (draft.Kind, draft.State, draft.ProblemId));
    }

    [Fact]
    [Trait("Requirement", "INC-13")]
    public async Task WorkaroundRecordedOnALinkedIncident_ReachesTheProblem()
    {
        var incident = await _incidents.InProgressWithBobAsync();
        var problem = await _problems.CreateAsync();
        await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/incidents", new LinkProblemIncidentRequest(incident.Id))).ReadAsync<ProblemResponse>();
        var result = await (await _incidents.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/workaround", new RecordWorkaroundRequest("Restart the Outlook profile from the control panel.", true)))
            .ReadAsync<IncidentActionResult>();
        Assert.Empty(result.Prompts);
        await api.RunReactionsAsync();
        var updated = await _problems.GetAsync(problem.Id);
        Assert.Contains(updated.Workarounds, w => w.Text == "Restart the Outlook profile from the control panel." && w.SourceIncidentId == incident.Id && w.KnowledgeItemId is not null);
    }

    [Fact]
    [Trait("Requirement", "PRB-09")]
    public async Task ReassigningTwice_LeavesThreeTimeRanges_AndAnOverdueActionRemindsItsOwner()
    {
        var problem = await _problems.CreateAsync();
        api.Clock.Advance(TimeSpan.FromHours(2));
        await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/assignments", new AssignProblemRequest { AnalystId = "andy", Reason = "Messaging expertise" })).ReadAsync<ProblemResponse>();
        api.Clock.Advance(TimeSpan.FromHours(2));
        var reassigned = await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/assignments", new AssignProblemRequest { AnalystId = "bob", GroupId = "grp-messaging" }))
            .ReadAsync<ProblemResponse>();
        Assert.Equal(3, reassigned.OwnershipHistory.Count);
        Assert.Equal([null, "andy", "bob"], reassigned.OwnershipHistory.Select(o => o.AnalystId));
        Assert.All(reassigned.OwnershipHistory.Take(2), o => Assert.NotNull(o.To));
        Assert.Null(reassigned.OwnershipHistory[2].To);
        Assert.Equal(reassigned.OwnershipHistory[0].To, reassigned.OwnershipHistory[1].From);

        var byAnalyst = await _problems.Andy.PostJsonAsync($"/api/problems/{problem.Id}/assignments", new AssignProblemRequest { OwnerId = "andy" });
        await byAnalyst.ProblemAsync(HttpStatusCode.Forbidden);
        await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/actions", new AddProblemActionRequest("Collect client logs", "andy", api.Clock.GetUtcNow().AddDays(1))))
            .ReadAsync<ProblemResponse>();
        await (await _problems.Andy.PostJsonAsync($"/api/problems/{problem.Id}/effort", new LogEffortRequest(90, "Log analysis"))).ReadAsync<ProblemResponse>();
        api.Clock.Advance(TimeSpan.FromDays(2));
        await api.RunProcessTimersAsync();
        var overdue = Assert.Single(await _kb.EventsAsync(problem.Id), e => e.Kind == "ProblemActionOverdue");
        Assert.Equal(["andy"], overdue.Notify);
        var current = await _problems.GetAsync(problem.Id);
        Assert.True(current.Actions.Single().Overdue);
        Assert.Equal(90, current.EffortMinutes);
    }
}
