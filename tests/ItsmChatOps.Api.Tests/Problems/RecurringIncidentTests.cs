using System.Net;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Problems;

public sealed class RecurringIncidentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly IncidentSteps _incidents = new(api);
    private readonly KnowledgeSteps _kb = new(api);

    private async Task<IncidentResponse> RaiseOnCiAsync(string summary, string ci)
    {
        var incident = await _incidents.RaiseAsync(Requests.Incident(summary, "svc-workplace", category: "Hardware > Printer") with { CiIds = [ci] });
        await api.RunReactionsAsync();
        return incident;
    }

    private async Task<IReadOnlyList<ProblemCandidateResponse>> CandidatesAsync() =>
        await (await api.As("paula@contoso.test").GetAsync("/api/problem-candidates")).ReadAsync<IReadOnlyList<ProblemCandidateResponse>>();

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public async Task ThirdMatchingIncident_ProposesACandidateToTheProblemManager_AcceptingCreatesTheProblemWithThreeLinks()
    {
        await RaiseOnCiAsync("Printer 4F jams", "CI-004001");
        await RaiseOnCiAsync("Printer 4F jams again", "CI-004001");
        Assert.DoesNotContain(await CandidatesAsync(), c => c.CiId == "CI-004001");
        var third = await RaiseOnCiAsync("4th floor printer jammed", "CI-004001");
        var candidate = Assert.Single(await CandidatesAsync(), c => c.CiId == "CI-004001");
        Assert.Equal(3, candidate.IncidentIds.Count);
        Assert.Contains(third.Id, candidate.IncidentIds);
        var card = Assert.Single(await _kb.EventsAsync(candidate.Id), e => e.Kind == "ProblemCandidateProposed");
        Assert.Equal(["role:ProblemManager"], card.Notify);

        var byAgent = await _incidents.Alice.PostJsonAsync($"/api/problem-candidates/{candidate.Id}/decision", new CandidateDecisionRequest(true, null));
        Assert.Contains("PRB-02", (await byAgent.ProblemAsync(HttpStatusCode.Forbidden)).Requirements());
        var accepted = await (await api.As("paula@contoso.test").PostJsonAsync($"/api/problem-candidates/{candidate.Id}/decision", new CandidateDecisionRequest(true, null)))
            .ReadAsync<ProblemCandidateResponse>();
        Assert.Equal(CandidateState.Accepted, accepted.State);
        Assert.Equal("paula", accepted.DecidedBy);
        var decided = Assert.Single(await _kb.EventsAsync(candidate.Id), e => e.Kind == "ProblemCandidateAccepted");
        Assert.Equal(["role:ProblemManager"], decided.Notify); // every problem manager's card is brought up to date
        var second = await api.As("paula@contoso.test").PostJsonAsync($"/api/problem-candidates/{candidate.Id}/decision", new CandidateDecisionRequest(false, "Too late"));
        Assert.Contains("already Accepted", (await second.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var problem = await (await api.As("paula@contoso.test").GetAsync($"/api/problems/{accepted.ProblemId}")).ReadAsync<ProblemResponse>();
        Assert.Equal(candidate.IncidentIds.Order(), problem.IncidentIds.Order());
        Assert.Equal(["CI-004001"], problem.CiIds);
        foreach (var id in candidate.IncidentIds)
        {
            Assert.Contains((await _incidents.GetAsync(id)).Links, l => l.Kind == IncidentLinkKind.Problem && l.TargetId == problem.Id);
        }

        await RaiseOnCiAsync("Printer 4F jams yet again", "CI-004001");
        Assert.DoesNotContain(await CandidatesAsync(), c => c.CiId == "CI-004001");
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public async Task Dismissing_NeedsAReason_AndSuppressesTheClusterFor14Days()
    {
        for (var i = 0; i < 3; i++)
        {
            await RaiseOnCiAsync($"Scanner on 5F fails ({i})", "CI-005001");
        }

        var candidate = Assert.Single(await CandidatesAsync(), c => c.CiId == "CI-005001");
        var noReason = await api.As("paula@contoso.test").PostJsonAsync($"/api/problem-candidates/{candidate.Id}/decision", new CandidateDecisionRequest(false, null));
        await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var dismissed = await (await api.As("paula@contoso.test").PostJsonAsync($"/api/problem-candidates/{candidate.Id}/decision",
            new CandidateDecisionRequest(false, "Paper stock issue, already replaced."))).ReadAsync<ProblemCandidateResponse>();
        Assert.Equal(api.Clock.GetUtcNow().AddDays(14), dismissed.SuppressedUntil);
        Assert.Equal("paula", dismissed.DecidedBy);
        Assert.Equal(["role:ProblemManager"], Assert.Single(await _kb.EventsAsync(candidate.Id), e => e.Kind == "ProblemCandidateDismissed").Notify);

        api.Clock.Advance(TimeSpan.FromDays(2));
        await RaiseOnCiAsync("Scanner on 5F fails again", "CI-005001");
        Assert.DoesNotContain(await CandidatesAsync(), c => c.CiId == "CI-005001");
        Assert.Single(await _kb.EventsAsync(candidate.Id), e => e.Kind == "ProblemCandidateProposed");
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public async Task AGrowingCluster_IsProposedOnce_AndCountsItsNewMembers()
    {
        for (var i = 0; i < 3; i++)
        {
            await RaiseOnCiAsync($"Label printer 6F smudges ({i})", "CI-006001");
        }

        var fourth = await RaiseOnCiAsync("Label printer 6F smudges again", "CI-006001");
        var fifth = await RaiseOnCiAsync("Label printer 6F smudges every label", "CI-006001");

        var candidate = Assert.Single(await CandidatesAsync(), c => c.CiId == "CI-006001");
        Assert.Equal(5, candidate.IncidentIds.Count);
        Assert.Contains(fourth.Id, candidate.IncidentIds);
        Assert.Contains(fifth.Id, candidate.IncidentIds);
        var proposed = Assert.Single(await _kb.EventsAsync(candidate.Id), e => e.Kind == "ProblemCandidateProposed"); // one card, not one per new member
        Assert.Equal(3, proposed.Data!["incidentIds"]!.AsArray().Count);

        var accepted = await (await api.As("paula@contoso.test").PostJsonAsync($"/api/problem-candidates/{candidate.Id}/decision", new CandidateDecisionRequest(true, null)))
            .ReadAsync<ProblemCandidateResponse>();
        var problem = await (await api.As("paula@contoso.test").GetAsync($"/api/problems/{accepted.ProblemId}")).ReadAsync<ProblemResponse>();
        Assert.Equal(candidate.IncidentIds.Order(), problem.IncidentIds.Order());
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public async Task IncidentsWithoutACi_ClusterByService()
    {
        for (var i = 0; i < 3; i++)
        {
            await _incidents.RaiseAsync(Requests.Incident($"CRM report export empty ({i})", "svc-crm", category: "Software > Business application"));
        }

        await api.RunReactionsAsync();
        Assert.Single(await CandidatesAsync(), c => c.ServiceId == "svc-crm" && c.CiId is null && c.Category == "Software > Business application");
    }
}
