using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Problems;

public sealed class ProblemFixTests(ChangeFeedApiFactory api) : IClassFixture<ChangeFeedApiFactory>
{
    private readonly ProblemSteps _problems = new(api);
    private readonly IncidentSteps _incidents = new(api);
    private readonly KnowledgeSteps _kb = new(api);

    [Fact]
    [Trait("Requirement", "PRB-07")]
    public async Task FixInProgress_NeedsAChange_ItsSuccessfulClosureResolvesTheProblem_ARejectionSendsItBackAndTellsThePm()
    {
        var (problem, error) = await _problems.RootCauseIdentifiedAsync();
        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        var noChange = await _problems.Andy.PostJsonAsync($"/api/problems/{problem.Id}/transitions", new TransitionProblemRequest { To = ProblemState.FixInProgress });
        Assert.Contains("PRB-07", (await noChange.ProblemAsync(HttpStatusCode.Conflict)).Requirements());
        await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/changes", new LinkChangeRequest("CHG-12"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        await _problems.LinkChangeAsync(problem.Id, "CHG-000701");
        await _problems.MoveAsync(problem.Id, new() { To = ProblemState.FixInProgress }, _problems.Andy);
        var byHand = await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/transitions", new TransitionProblemRequest { To = ProblemState.Resolved });
        await byHand.ProblemAsync(HttpStatusCode.Conflict);
        await api.ChangeMovesAsync("CHG-000701", "Approved");
        await api.ChangeMovesAsync("CHG-000701", "Closed", outcome: "Successful");
        Assert.Equal(ProblemState.Resolved, (await _problems.GetAsync(problem.Id)).State);
        Assert.Equal(KnownErrorState.FixDeployed, (await _problems.KnownErrorAsync(error.Id)).State);

        var (other, _) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("Printers lose their queue", "svc-workplace", "CI-000202"));
        await _problems.LinkChangeAsync(other.Id, "CHG-000702");
        await api.ChangeMovesAsync("CHG-000702", "Submitted");
        Assert.Equal(ProblemState.FixInProgress, (await _problems.GetAsync(other.Id)).State);
        await api.ChangeMovesAsync("CHG-000702", "Rejected");
        Assert.Equal(ProblemState.RootCauseIdentified, (await _problems.GetAsync(other.Id)).State);
        var back = (await _kb.EventsAsync(other.Id)).Last(e => e.Kind == "ProblemTransitioned");
        Assert.Equal(["paula"], back.Notify);
        Assert.Equal("system", back.ActorId);
    }

    [Fact]
    [Trait("Requirement", "PRB-08")]
    public async Task AddingAWorkaround_TellsTheReportersOfOpenLinkedIncidents_TheServiceDesk_AndTheServiceOwner_InTheManagersWords()
    {
        var problem = await _problems.CreateAsync();
        var reporters = new[] { "dave@contoso.test", "ellen@contoso.test", "fred@fabrikam.test" };
        foreach (var reporter in reporters)
        {
            var incident = await _incidents.RaiseAsync(Requests.Incident("Outlook asks for my password"), api.As(reporter));
            await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/incidents", new LinkProblemIncidentRequest(incident.Id))).ReadAsync<ProblemResponse>();
        }

        await _problems.UpdateAsync(problem.Id, new() { CustomerText = "A workaround is available: see your incident for the steps." });
        await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/workarounds", new AddProblemWorkaroundRequest("Sign out of Office and sign back in.", null))).ReadAsync<ProblemResponse>();
        var told = Assert.Single(await _kb.EventsAsync(problem.Id), e => e.Kind == "ProblemWorkaroundAdded");
        Assert.Equal(["dave", "ellen", "fred", "group:grp-servicedesk", "oscar"], told.Notify.Order());
        Assert.Equal("A workaround is available: see your incident for the steps.", told.Data!["customerText"]!.GetValue<string>());

        await _problems.LinkChangeAsync(problem.Id, "CHG-000801");
        await api.ChangeMovesAsync("CHG-000801", "Scheduled", scheduledFor: api.Clock.GetUtcNow().AddDays(3));
        var scheduled = Assert.Single(await _kb.EventsAsync(problem.Id), e => e.Kind == "ProblemFixScheduled");
        Assert.Contains("dave", scheduled.Notify);
        Assert.NotNull(scheduled.Data!["scheduledFor"]);
    }

    [Fact]
    [Trait("Requirement", "PRB-10")]
    public async Task ImpactView_TotalsTheLinkedIncidents_CountsTheBreached_AndACascadeReachesEachContactOnce()
    {
        var problem = await _problems.CreateAsync(ProblemSteps.Problem("Payroll app logs everyone out", "svc-payroll", "CI-000303"));
        for (var i = 0; i < 5; i++)
        {
            var incident = await _incidents.RaiseAsync(Requests.Incident($"Payroll logged me out ({i})", "svc-payroll", Impact.High, Urgency.High) with { BusinessArea = i < 2 ? "Finance" : "HR" });
            await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/incidents", new LinkProblemIncidentRequest(incident.Id))).ReadAsync<ProblemResponse>();
            if (i == 1)
            {
                api.Clock.Advance(TimeSpan.FromHours(5)); // the first two pass their P1 resolution target of four hours
            }
        }

        var impact = await (await _problems.Paula.GetAsync($"/api/problems/{problem.Id}/impact")).ReadAsync<ProblemImpactView>();
        Assert.Equal((5, 5, 2), (impact.LinkedIncidents, impact.OpenIncidents, impact.BreachedIncidents));
        Assert.Equal(["Finance", "HR"], impact.BusinessAreas.Order());
        Assert.Equal(1, impact.AffectedUsers);
        Assert.True(impact.DowntimeHours >= 10);

        var cascade = await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/cascade", new ProblemMessageRequest("Payroll sign-outs: a fix is being tested."))).ReadAsync<CascadeResult>();
        Assert.Equal(cascade.Recipients.Distinct().Count(), cascade.Recipients.Count);
        Assert.Contains("oscar", cascade.Recipients);
        var sent = Assert.Single(await _kb.EventsAsync(problem.Id), e => e.Kind == "ProblemCascadeSent");
        Assert.Equal(cascade.Recipients, sent.Notify);
    }

    [Fact]
    [Trait("Requirement", "PRB-11")]
    public async Task P1Problem_SixDaysWithoutARootCause_EscalatesToTheProblemManagerAndTheServiceOwner_Once()
    {
        var problem = await _problems.CreateAsync(ProblemSteps.Problem("VPN gateway reboots daily", "svc-vpn", "CI-000404", Impact.High, Urgency.High) with { OwnerId = "paula" });
        Assert.Equal(Priority.P1, problem.Priority);
        api.Clock.Advance(TimeSpan.FromDays(4));
        await api.RunProcessTimersAsync();
        Assert.Empty((await _problems.GetAsync(problem.Id)).Escalations);
        api.Clock.Advance(TimeSpan.FromDays(2));
        await api.RunProcessTimersAsync();
        await api.RunProcessTimersAsync();
        var escalation = Assert.Single((await _problems.GetAsync(problem.Id)).Escalations);
        Assert.Equal(("RootCause", 1), (escalation.Target, escalation.Level));
        var told = Assert.Single(await _kb.EventsAsync(problem.Id), e => e.Kind == "ProblemEscalated");
        Assert.Equal(["oscar", "paula"], told.Notify.Order());
    }

    [Fact]
    [Trait("Requirement", "PRB-12")]
    public async Task Closure_NeedsLinkedIncidentsResolved_AndTheCustomersAgreement_ThenCloses()
    {
        var (problem, error) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("CRM sync duplicates contacts", "svc-crm", "CI-000505"));
        var incident = await _incidents.InProgressWithBobAsync(Requests.Incident("CRM shows my contacts twice", "svc-crm", category: "Software > Business application"));
        await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/incidents", new LinkProblemIncidentRequest(incident.Id))).ReadAsync<ProblemResponse>();
        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        await _problems.LinkChangeAsync(problem.Id, "CHG-000901");
        await api.ChangeMovesAsync("CHG-000901", "Scheduled");
        await api.ChangeMovesAsync("CHG-000901", "Closed", outcome: "Successful");
        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Closed, Reason = "Fixed by CHG-000901." });

        var noCategory = await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/transitions", new TransitionProblemRequest { To = ProblemState.Closed });
        Assert.Contains("causeCategory", (await noCategory.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await _problems.UpdateAsync(problem.Id, new() { CauseCategory = "Software defect" });
        var openIncident = await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/transitions", new TransitionProblemRequest { To = ProblemState.Closed });
        Assert.Contains("PRB-12", (await openIncident.ProblemAsync(HttpStatusCode.Conflict)).Requirements());

        await _incidents.MoveAsync(_incidents.Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution("Change implemented") });
        var noAgreement = await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/transitions", new TransitionProblemRequest { To = ProblemState.Closed });
        Assert.Contains("agree", (await noAgreement.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var notOwner = await _incidents.Bob.PostJsonAsync($"/api/problems/{problem.Id}/customer-agreement", new CustomerAgreementRequest(null));
        await notOwner.ProblemAsync(HttpStatusCode.Forbidden);
        await (await api.As("oscar@contoso.test").PostJsonAsync($"/api/problems/{problem.Id}/customer-agreement", new CustomerAgreementRequest("Confirmed with the sales team."))).ReadAsync<ProblemResponse>();
        var closed = await _problems.MoveAsync(problem.Id, new() { To = ProblemState.Closed });
        Assert.Equal(ProblemState.Closed, closed.State);
        Assert.NotNull(closed.ClosedAt);
    }
}
