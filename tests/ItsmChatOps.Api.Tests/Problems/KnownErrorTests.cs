using System.Net;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Problems;

public sealed class KnownErrorTests(ChangeFeedApiFactory api) : IClassFixture<ChangeFeedApiFactory>
{
    private readonly ProblemSteps _problems = new(api);
    private readonly IncidentSteps _incidents = new(api);
    private readonly KnowledgeSteps _kb = new(api);

    [Fact]
    [Trait("Requirement", "PRB-04")]
    public async Task RootCauseIdentified_WithoutACi_Is422_WithRootCauseWorkaroundServiceAndCi_CreatesTheKnownErrorLinkedBothWays()
    {
        var noCi = await _problems.CreateAsync(ProblemSteps.Problem(ci: null));
        await _problems.MoveAsync(noCi.Id, new() { To = ProblemState.UnderInvestigation, AnalystId = "andy" });
        var early = await _problems.Andy.PostJsonAsync($"/api/problems/{noCi.Id}/transitions", new TransitionProblemRequest { To = ProblemState.RootCauseIdentified });
        var missing = await early.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("knownError.suspectedCiIds", missing.ErrorFields());
        Assert.Contains("rootCause", missing.ErrorFields());
        Assert.Contains("PRB-04", missing.Requirements());

        var (problem, error) = await _problems.RootCauseIdentifiedAsync();
        Assert.Equal(ProblemState.RootCauseIdentified, problem.State);
        Assert.Equal((problem.Id, KnownErrorState.Draft), (error.ProblemId, error.State));
        Assert.Equal(["svc-email"], error.AffectedServiceIds);
        Assert.Equal(["CI-000101"], error.SuspectedCiIds);
        Assert.Equal("Remove MicrosoftOffice entries from Credential Manager.", error.Workaround);
        var links = await (await _kb.Alice.GetAsync($"/api/links?recordId={error.Id}")).ReadAsync<IReadOnlyList<LinkView>>();
        Assert.Contains(links, l => l.FromId == problem.Id && l.Kind == "KnownError");
    }

    [Fact]
    [Trait("Requirement", "KB-05")]
    public async Task KnownError_HasAKbEntryInDraft_PublishingPutsItInAgentSearch_EditingTheWorkaroundMakesVersion2()
    {
        var (_, error) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("Teams meetings drop audio after 20 minutes", "svc-email", "CI-000777"));
        var entry = await _kb.GetAsync(error.WorkaroundKbId!);
        Assert.Equal((KnowledgeKind.KnownError, KnowledgeState.Draft, error.Id), (entry.Kind, entry.State, entry.KnownErrorId));
        Assert.DoesNotContain(await _kb.SearchAsync("teams meeting audio drops after twenty minutes"), h => h.Id == entry.Id);

        var byResolver = await _incidents.Bob.PostJsonAsync($"/api/known-errors/{error.Id}/transitions", new TransitionKnownErrorRequest { To = KnownErrorState.Published });
        await byResolver.ProblemAsync(HttpStatusCode.Forbidden);
        var published = await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        Assert.Equal(KnownErrorState.Published, published.State);
        Assert.Equal(KnowledgeState.Published, (await _kb.GetAsync(entry.Id)).State);
        var hit = Assert.Single(await _kb.SearchAsync("teams meeting audio drops after twenty minutes", _kb.Alice), h => h.Id == entry.Id);
        Assert.Equal("Workaround: Remove MicrosoftOffice entries from Credential Manager.", hit.Snippet); // what to do now, not the symptoms asked about

        await (await _problems.Paula.PatchJsonAsync($"/api/known-errors/{error.Id}", new UpdateKnownErrorRequest { Workaround = "Rejoin the meeting from the Teams web client." })).ReadAsync<KnownErrorResponse>();
        var versioned = await _kb.GetAsync(entry.Id);
        Assert.Equal((1, 2), (versioned.Version, versioned.Revision!.Version));
        Assert.Contains("Rejoin the meeting", versioned.Revision.Content.Body);
    }

    [Fact]
    [Trait("Requirement", "PRB-05")]
    public async Task KnownError_ClosesOnlyAfterASuccessfulChange_OrAsNotApplicableOnceItsServiceIsRetired()
    {
        var (problem, error) = await _problems.RootCauseIdentifiedAsync();
        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        var early = await _problems.Paula.PostJsonAsync($"/api/known-errors/{error.Id}/transitions", new TransitionKnownErrorRequest { To = KnownErrorState.Closed, Reason = "Done" });
        Assert.Contains("PRB-05", (await early.ProblemAsync(HttpStatusCode.Conflict)).Requirements());

        await _problems.LinkChangeAsync(problem.Id, "CHG-000501");
        await api.ChangeMovesAsync("CHG-000501", "Scheduled");
        Assert.Equal(KnownErrorState.FixScheduled, (await _problems.KnownErrorAsync(error.Id)).State);
        await api.ChangeMovesAsync("CHG-000501", "Closed", outcome: "Failed");
        Assert.Equal(KnownErrorState.Published, (await _problems.KnownErrorAsync(error.Id)).State);
        var afterFailure = await _problems.Paula.PostJsonAsync($"/api/known-errors/{error.Id}/transitions", new TransitionKnownErrorRequest { To = KnownErrorState.Closed, Reason = "Done" });
        await afterFailure.ProblemAsync(HttpStatusCode.Conflict);

        await _problems.LinkChangeAsync(problem.Id, "CHG-000502");
        await api.ChangeMovesAsync("CHG-000502", "Scheduled");
        await api.ChangeMovesAsync("CHG-000502", "Closed", outcome: "Successful");
        Assert.Equal(KnownErrorState.FixDeployed, (await _problems.KnownErrorAsync(error.Id)).State);
        var closed = await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Closed, Reason = "Fix deployed and verified." });
        Assert.Equal((KnownErrorState.Closed, KnownErrorClosure.FixDeployed), (closed.State, closed.Closure));

        var (_, fax) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("Fax gateway drops long faxes", "svc-fax", "CI-000900"));
        var live = await _problems.RootCauseIdentifiedAsync();
        var stillLive = await _problems.Paula.PostJsonAsync($"/api/known-errors/{live.KnownError.Id}/transitions",
            new TransitionKnownErrorRequest { To = KnownErrorState.Closed, NotApplicable = true, Reason = "Nobody uses it." });
        await stillLive.ProblemAsync(HttpStatusCode.Conflict);
        var notApplicable = await _problems.MoveKnownErrorAsync(fax.Id, new() { To = KnownErrorState.Closed, NotApplicable = true, Reason = "The fax gateway service is retired." });
        Assert.Equal((KnownErrorState.Closed, KnownErrorClosure.NotApplicable), (notApplicable.State, notApplicable.Closure));
    }

    [Fact]
    [Trait("Requirement", "PRB-05")]
    public async Task KnownError_ClosesAsNotApplicable_OnceConfigurationManagementWithdrawsItsSuspectedCi()
    {
        var (_, error) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("Old NAS slows down at night", "svc-workplace", "CI-000950"));
        var early = await _problems.Paula.PostJsonAsync($"/api/known-errors/{error.Id}/transitions", new TransitionKnownErrorRequest { To = KnownErrorState.Closed, NotApplicable = true, Reason = "Replaced." });
        await early.ProblemAsync(HttpStatusCode.Conflict);
        await api.ChangeMovesAsync("CI-000950", "Withdrawn", recordType: "configuration-item");
        var closed = await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Closed, NotApplicable = true, Reason = "The NAS was withdrawn." });
        Assert.Equal(KnownErrorClosure.NotApplicable, closed.Closure);
    }

    [Fact]
    [Trait("Requirement", "PRB-06")]
    public async Task Accepted_WithADecision_StaysOpen_CannotClose_AndTheTenthLinkedIncidentRaisesAReassessment()
    {
        var (_, error) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("Legacy CRM export truncates notes", "svc-crm", "CI-000333"));
        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        var noDecision = await _problems.Paula.PostJsonAsync($"/api/known-errors/{error.Id}/transitions", new TransitionKnownErrorRequest { To = KnownErrorState.Accepted });
        Assert.Contains("PRB-06", (await noDecision.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Requirements());
        var accepted = await _problems.MoveKnownErrorAsync(error.Id, new()
        {
            To = KnownErrorState.Accepted,
            Decision = new() { DecidedBy = DecisionParty.Customer, Organization = "Contoso Finance", Reason = "The fix costs more than the benefit; the CRM is replaced next year." },
        });
        Assert.Equal(KnownErrorState.Accepted, accepted.State);
        Assert.Equal(api.Clock.GetUtcNow().AddMonths(6), accepted.Decision!.ReviewDate);
        var close = await _problems.Paula.PostJsonAsync($"/api/known-errors/{error.Id}/transitions", new TransitionKnownErrorRequest { To = KnownErrorState.Closed, Reason = "Accepted." });
        await close.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(KnowledgeState.Published, (await _kb.GetAsync(error.WorkaroundKbId!)).State);

        for (var i = 1; i <= 10; i++)
        {
            var incident = await _incidents.RaiseAsync(Requests.Incident($"CRM export cut my notes short ({i})", "svc-crm"), _incidents.Alice);
            await (await _incidents.Alice.PostJsonAsync($"/api/incidents/{incident.Id}/links", new LinkIncidentRequest(IncidentLinkKind.KnownError, error.Id))).ReadAsync<IncidentResponse>();
            await api.RunReactionsAsync();
            Assert.Equal(i == 10, (await _kb.EventsAsync(error.Id)).Any(e => e.Kind == "KnownErrorReassessmentDue"));
        }

        var reassessment = Assert.Single(await _kb.EventsAsync(error.Id), e => e.Kind == "KnownErrorReassessmentDue");
        Assert.Equal(["paula"], reassessment.Notify);
        Assert.Equal(KnownErrorState.Accepted, (await _problems.KnownErrorAsync(error.Id)).State);
    }

    [Fact]
    [Trait("Requirement", "PRB-17")]
    public async Task IncidentLinkedAfterTheFix_AsksTheProblemManagerWhetherItWorked_WhoCanMoveItBackToPublished()
    {
        var (problem, error) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("Dock firmware drops Ethernet", "svc-workplace", "CI-000444"));
        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        var first = await _incidents.RaiseAsync(Requests.Incident("Dock lost network again", "svc-workplace"), _incidents.Alice);
        await (await _incidents.Alice.PostJsonAsync($"/api/incidents/{first.Id}/links", new LinkIncidentRequest(IncidentLinkKind.KnownError, error.Id))).ReadAsync<IncidentResponse>();
        await _problems.LinkChangeAsync(problem.Id, "CHG-000601");
        await api.ChangeMovesAsync("CHG-000601", "Scheduled");
        await api.ChangeMovesAsync("CHG-000601", "Closed", outcome: "Successful");
        Assert.Equal(KnownErrorState.FixDeployed, (await _problems.KnownErrorAsync(error.Id)).State);
        Assert.DoesNotContain(await _kb.EventsAsync(error.Id), e => e.Kind == "KnownErrorFixQuestioned");

        var after = await _incidents.RaiseAsync(Requests.Incident("Dock still drops network after the fix", "svc-workplace"), _incidents.Alice);
        await (await _incidents.Alice.PostJsonAsync($"/api/incidents/{after.Id}/links", new LinkIncidentRequest(IncidentLinkKind.KnownError, error.Id))).ReadAsync<IncidentResponse>();
        await api.RunReactionsAsync();
        var question = Assert.Single(await _kb.EventsAsync(error.Id), e => e.Kind == "KnownErrorFixQuestioned");
        Assert.Equal(["paula"], question.Notify);
        var counted = await _problems.KnownErrorAsync(error.Id);
        Assert.Equal((2, 2), (counted.LinkedIncidentCount, counted.LinkedIncidentsLast30Days));

        var reopened = await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published, Reason = "The fix did not work for docks on firmware 1.0.28." });
        Assert.Equal(KnownErrorState.Published, reopened.State);
        api.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal((2, 0), ((await _problems.KnownErrorAsync(error.Id)).LinkedIncidentCount, (await _problems.KnownErrorAsync(error.Id)).LinkedIncidentsLast30Days));
    }
}
