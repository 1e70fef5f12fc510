using System.Net;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.MajorIncidents;

public sealed class StakeholderUpdateTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly MajorIncidentSteps _steps;

    public StakeholderUpdateTests(ApiFactory api)
    {
        _api = api;
        _steps = new MajorIncidentSteps(api);
    }

    private HttpClient Ellen => _api.As("ellen@contoso.test");
    private HttpClient Erin => _api.As("erin@fabrikam.test");

    [Fact]
    [Trait("Requirement", "MAJ-06")]
    [Trait("Requirement", "MAJ-08")]
    [Trait("Requirement", "SLM-13")]
    public async Task Update_ReachesTheRoom_TheDesk_ChildReporters_Watchers_AndSlaContacts_EachExactlyOnce()
    {
        await _steps.ActiveSlaAsync("svc-email", "cust-fabrikam", "oscar");
        _api.NextMonday();
        await _steps.ClearAsync();
        var major = await _steps.DeclaredP1Async();
        var joined = await _steps.MinorAsync(Ellen);
        var linked = await _steps.MinorAsync(Erin);
        await _api.RunReactionsAsync();
        await (await _steps.PostAsync(Ellen, major.Id, "join", new LinkChildIncidentRequest(joined.Id))).ReadAsync<MajorIncidentResponse>();
        await (await _steps.PostAsync(_steps.Alice, major.Id, "children", new LinkChildIncidentRequest(linked.Id))).ReadAsync<MajorIncidentResponse>();
        Assert.Equal(HttpStatusCode.OK, (await _steps.Bob.PostAsync($"/api/incidents/{major.IncidentId}/watchers", null)).StatusCode);
        await _api.RunReactionsAsync();

        var updated = await _steps.UpdateAsync(major.Id, nextInMinutes: 20);
        Assert.Equal(_api.Clock.GetUtcNow().AddMinutes(20), updated.NextUpdateDue);
        var posted = await _steps.EventsAsync(major.Id, "MajorIncidentUpdatePosted");
        var lists = posted.ToDictionary(e => e.Data!["audience"]!.GetValue<string>(), e => e.Notify);
        Assert.Equal([$"warroom:{major.Id}"], lists["WarRoom"]);
        Assert.Equal(["group:grp-servicedesk"], lists["ServiceDesk"]);
        Assert.Superset(new HashSet<string> { "dave", "ellen", "erin", "bob" }, lists["AffectedPeople"].ToHashSet());
        var everyone = lists.Values.SelectMany(l => l).ToList();
        Assert.Equal(everyone.Distinct().Count(), everyone.Count);
        Assert.Contains("oscar", everyone); // SLA emergency contact
        Assert.Contains("heidi", everyone); // SLA escalation path for P1
        Assert.DoesNotContain("carol", everyone); // the poster
        Assert.All(posted, e => Assert.Equal("Mail flow stopped at the gateway; failing over.", e.Data!["status"]!.GetValue<string>()));
    }

    [Fact]
    [Trait("Requirement", "SLM-13")]
    public async Task Declaring_AddsTheSlaContactsAsWatchers_AndTellsThem()
    {
        await _steps.ActiveSlaAsync("svc-network", "cust-fabrikam", "grace");
        _api.NextMonday();
        await _steps.ClearAsync();
        var incident = await _steps.MinorAsync(service: "svc-network");
        Assert.DoesNotContain("grace", incident.WatcherIds);
        var major = await _steps.DeclareAsync(incident.Id);
        await _api.RunReactionsAsync();
        var parent = await _steps.Incidents.GetAsync(major.IncidentId);
        Assert.Contains("grace", parent.WatcherIds);
        var told = Assert.Single(await _steps.Incidents.TimelineAsync(parent.Id), e => e.Kind == "MajorIncidentContactsAdded");
        Assert.Equal(["grace"], told.Notify);
        await _api.RunReactionsAsync();
        Assert.Single(await _steps.Incidents.TimelineAsync(parent.Id), e => e.Kind == "MajorIncidentContactsAdded");
    }

    [Fact]
    [Trait("Requirement", "MAJ-06")]
    public async Task ManagerIsReminded5MinutesBefore_AndAMissedUpdateIsCounted()
    {
        var declaredAt = _api.NextMonday();
        await _steps.ClearAsync();
        var major = await _steps.DeclaredP1Async("heidi");
        Assert.Equal(declaredAt.AddMinutes(30), major.NextUpdateDue);
        _api.Clock.Advance(TimeSpan.FromMinutes(24));
        await _api.RunMajorIncidentTimersAsync();
        Assert.Empty(await _steps.EventsAsync(major.Id, "MajorIncidentUpdateReminder"));
        _api.Clock.Advance(TimeSpan.FromMinutes(1));
        await _api.RunMajorIncidentTimersAsync();
        await _api.RunMajorIncidentTimersAsync();
        Assert.Equal(["heidi"], Assert.Single(await _steps.EventsAsync(major.Id, "MajorIncidentUpdateReminder")).Notify);

        _api.Clock.Advance(TimeSpan.FromMinutes(6));
        await _api.RunMajorIncidentTimersAsync();
        var missed = await _steps.GetAsync(major.Id);
        Assert.Equal((1, declaredAt.AddMinutes(60)), (missed.MissedUpdates, missed.NextUpdateDue));
        Assert.Contains("heidi", Assert.Single(await _steps.EventsAsync(major.Id, "MajorIncidentUpdateMissed")).Notify);

        var posted = await _steps.UpdateAsync(major.Id, _steps.Heidi);
        Assert.Equal((1, _api.Clock.GetUtcNow().AddMinutes(30)), (posted.MissedUpdates, posted.NextUpdateDue));
        await (await _steps.PostAsync(_steps.Mia, major.Id, "updates", new PostStatusUpdateRequest { Status = "xxx", BusinessImpact = "yyy", Actions = "zzz" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var invalid = await (await _steps.PostAsync(_steps.Heidi, major.Id, "updates", new PostStatusUpdateRequest { Status = "Working", Actions = "Failover" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("businessImpact", invalid.ErrorFields());
    }

    [Fact]
    [Trait("Requirement", "MAJ-07")]
    public async Task Declaration_AsksTheServiceOwnerAndIncidentManagerToAcknowledge_LateOnesGoToTheirDeputy()
    {
        var declaredAt = _api.NextMonday();
        await _steps.ClearAsync();
        var major = await _steps.DeclaredP1Async("heidi");
        Assert.Equal([("oscar", EscalationRole.ServiceOwner), ("carol", EscalationRole.IncidentManager)], major.Escalations.Select(e => (e.PersonId, e.Role)));
        var asked = Assert.Single(await _steps.EventsAsync(major.Id, "MajorIncidentEscalated"));
        Assert.Equal(["oscar", "carol"], asked.Notify);

        _api.Clock.Advance(TimeSpan.FromMinutes(10));
        var acknowledged = await (await _steps.Carol.PostAsync($"/api/major-incidents/{major.Id}/acknowledgements", null)).ReadAsync<MajorIncidentResponse>();
        Assert.Equal(declaredAt.AddMinutes(10), acknowledged.Escalations.Single(e => e.PersonId == "carol").AcknowledgedAt);
        await (await _steps.Mia.PostAsync($"/api/major-incidents/{major.Id}/acknowledgements", null)).ProblemAsync(HttpStatusCode.Forbidden);

        _api.Clock.Advance(TimeSpan.FromMinutes(6));
        await _api.RunMajorIncidentTimersAsync();
        var late = Assert.Single(await _steps.EventsAsync(major.Id, "EscalationNotAcknowledged"));
        Assert.Equal("oscar", late.Data!["personId"]!.GetValue<string>());
        Assert.Equal(["role:IncidentManager"], late.Notify); // no deputy configured for the owner
        await _api.RunMajorIncidentTimersAsync();
        Assert.Single(await _steps.EventsAsync(major.Id, "EscalationNotAcknowledged"));
    }

    [Fact]
    [Trait("Requirement", "SLM-13")]
    [Trait("Requirement", "MAJ-07")]
    public async Task Update_AsksTheSlaEscalationContactsToAcknowledge_Once_AndLogsTheirAcknowledgement()
    {
        await _steps.ActiveSlaAsync("svc-email", "cust-fabrikam", "oscar");
        var declaredAt = _api.NextMonday();
        await _steps.ClearAsync();
        var major = await _steps.DeclaredP1Async();
        await (await _api.As("carol@contoso.test").PatchAsync($"/api/major-incidents/{major.Id}", System.Net.Http.Json.JsonContent.Create(
            new UpdateMajorIncidentRequest { AffectedCustomerIds = ["cust-fabrikam"] }, options: Api.Client.ItsmJson.Options))).ReadAsync<MajorIncidentResponse>();
        await (await _steps.Heidi.PostAsync($"/api/major-incidents/{major.Id}/acknowledgements", null)).ProblemAsync(HttpStatusCode.Forbidden);

        var updated = await _steps.UpdateAsync(major.Id);
        // The P1 escalation path (Heidi) is asked; Oscar, the emergency contact, was already asked as the service owner.
        Assert.Equal(["heidi"], updated.Escalations.Where(e => e.Role == EscalationRole.SlaContact).Select(e => e.PersonId));
        Assert.Single(updated.Escalations, e => e.PersonId == "oscar");
        _api.Clock.Advance(TimeSpan.FromMinutes(3));
        var acknowledged = await (await _steps.Heidi.PostAsync($"/api/major-incidents/{major.Id}/acknowledgements", null)).ReadAsync<MajorIncidentResponse>();
        Assert.Equal(declaredAt.AddMinutes(3), acknowledged.Escalations.Single(e => e.PersonId == "heidi").AcknowledgedAt);
        var logged = Assert.Single(await _steps.EventsAsync(major.Id, "EscalationAcknowledged"), e => e.ActorId == "heidi");
        Assert.Equal("SlaContact", logged.Data!["role"]!.GetValue<string>());

        var again = await _steps.UpdateAsync(major.Id);
        Assert.Single(again.Escalations, e => e.Role == EscalationRole.SlaContact);
        Assert.Equal(declaredAt.AddMinutes(3), again.Escalations.Single(e => e.PersonId == "heidi").AcknowledgedAt);
    }

    [Fact]
    [Trait("Requirement", "MAJ-08")]
    [Trait("Requirement", "INC-12")]
    public async Task RaisingOnTheSameService_OffersJoinOnce_JoiningLinksAndWatches()
    {
        _api.NextMonday();
        await _steps.ClearAsync();
        var major = await _steps.DeclaredP1Async();
        var mine = await _steps.MinorAsync(Ellen);
        var other = await _steps.MinorAsync(Ellen, service: "svc-crm");
        await _api.RunReactionsAsync();
        await _api.RunReactionsAsync();
        var offer = Assert.Single(await _steps.EventsAsync(major.Id, "MajorIncidentJoinOffered"));
        Assert.Equal(["ellen"], offer.Notify);
        Assert.Equal(mine.Id, offer.Data!["childIncidentId"]!.GetValue<string>());
        Assert.Single(await _steps.OpenAsync("svc-email", Ellen), m => m.Id == major.Id);
        Assert.DoesNotContain(await _steps.OpenAsync("svc-email", Ellen), m => m.IncidentId == mine.Id); // not proposed on its own

        await (await _steps.PostAsync(_api.As("dave@contoso.test"), major.Id, "join", new LinkChildIncidentRequest(mine.Id))).ProblemAsync(HttpStatusCode.NotFound);
        var joined = await (await _steps.PostAsync(Ellen, major.Id, "join", new LinkChildIncidentRequest(mine.Id))).ReadAsync<MajorIncidentResponse>();
        Assert.Equal([mine.Id], joined.ChildIncidentIds);
        Assert.Contains("ellen", (await _steps.Incidents.GetAsync(major.IncidentId)).WatcherIds);
        Assert.Contains((await _steps.Incidents.GetAsync(mine.Id)).Links, l => l.TargetId == major.IncidentId);
        var again = await (await _steps.PostAsync(Ellen, major.Id, "join", new LinkChildIncidentRequest(mine.Id))).ReadAsync<MajorIncidentResponse>();
        Assert.Equal([mine.Id], again.ChildIncidentIds);
        Assert.DoesNotContain(await _steps.EventsAsync(major.Id, "MajorIncidentJoinOffered"), e => e.Data!["childIncidentId"]!.GetValue<string>() == other.Id);
    }
}
