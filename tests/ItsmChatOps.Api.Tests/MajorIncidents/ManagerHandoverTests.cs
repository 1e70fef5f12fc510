using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.MajorIncidents;

public sealed class ManagerHandoverTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly MajorIncidentSteps _steps;

    public ManagerHandoverTests(ApiFactory api)
    {
        _api = api;
        _steps = new MajorIncidentSteps(api);
    }

    private HttpClient Nina => _api.As("nina@contoso.test");
    private HttpClient Dan => _api.As("dan@contoso.test");

    [Fact]
    [Trait("Requirement", "MAJ-03")]
    public async Task Manager_CanNeverBeEmptied_NorChangedInPlace()
    {
        _api.NextMonday();
        var major = await _steps.DeclaredP1Async("heidi");
        var emptied = await (await PatchRawAsync(major.Id, """{"managerId":null}""")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("managerId", emptied.ErrorFields());
        Assert.Contains("MAJ-03", emptied.Requirements());
        await (await PatchRawAsync(major.Id, """{"managerId":""}""")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await _steps.Carol.PatchJsonAsync($"/api/major-incidents/{major.Id}", new { managerId = "mia" })).ProblemAsync(HttpStatusCode.Conflict);
        var edited = await (await _steps.Carol.PatchJsonAsync($"/api/major-incidents/{major.Id}", new { summary = "Outbound mail stuck at the gateway" }))
            .ReadAsync<MajorIncidentResponse>();
        Assert.Equal(("heidi", "Outbound mail stuck at the gateway"), (edited.ManagerId, edited.Summary));
    }

    private Task<HttpResponseMessage> PatchRawAsync(string id, string json) =>
        _steps.Carol.PatchAsync($"/api/major-incidents/{id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    [Fact]
    [Trait("Requirement", "MAJ-03")]
    public async Task Handover_OfferThenAccept_ManagerStaysUntilAccepted_HistoryKeepsRanges()
    {
        var declaredAt = _api.NextMonday();
        var major = await _steps.DeclaredP1Async("heidi");
        _api.Clock.Advance(TimeSpan.FromMinutes(40));
        var offered = await (await _steps.PostAsync(_steps.Heidi, major.Id, "handover", new OfferHandoverRequest { ToId = "mia", Note = "Going off shift" }))
            .ReadAsync<MajorIncidentResponse>();
        Assert.Equal("heidi", offered.ManagerId);
        Assert.Equal("mia", offered.PendingHandover!.ToId);
        Assert.Equal(["mia"], Assert.Single(await _steps.EventsAsync(major.Id, "ManagerHandoverOffered")).Notify);
        await (await _api.As("dave@contoso.test").PostAsync($"/api/major-incidents/{major.Id}/handover/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await _steps.Carol.PostAsync($"/api/major-incidents/{major.Id}/handover/accept", null)).ProblemAsync(HttpStatusCode.Forbidden);

        _api.Clock.Advance(TimeSpan.FromMinutes(5));
        var accepted = await (await _steps.Mia.PostAsync($"/api/major-incidents/{major.Id}/handover/accept", null)).ReadAsync<MajorIncidentResponse>();
        var handedAt = declaredAt.AddMinutes(45);
        Assert.Equal("mia", accepted.ManagerId);
        Assert.Null(accepted.PendingHandover);
        Assert.Equal([new ManagerTermView("heidi", declaredAt, handedAt), new ManagerTermView("mia", handedAt, null)], accepted.ManagerHistory);
    }

    [Fact]
    [Trait("Requirement", "MAJ-03")]
    public async Task OnlyTheManagerOrTheIncidentManager_HandsOver()
    {
        _api.NextMonday();
        var major = await _steps.DeclaredP1Async("heidi");
        var refused = await (await _steps.PostAsync(_steps.Mia, major.Id, "handover", new OfferHandoverRequest { ToId = "mia" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("MAJ-03", refused.Requirements());
        await (await _steps.PostAsync(_steps.Alice, major.Id, "handover", new OfferHandoverRequest { ToId = "alice" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _steps.PostAsync(_steps.Heidi, major.Id, "handover", new OfferHandoverRequest { ToId = "nobody" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var byIm = await (await _steps.PostAsync(_steps.Carol, major.Id, "handover", new OfferHandoverRequest { ToId = "nina" })).ReadAsync<MajorIncidentResponse>();
        Assert.Equal(("heidi", "heidi"), (byIm.ManagerId, byIm.PendingHandover!.FromId));
        await (await _steps.PostAsync(Nina, major.Id, "handover/decline", new DeclineHandoverRequest("On another outage"))).ReadAsync<MajorIncidentResponse>();
        var after = await _steps.GetAsync(major.Id);
        Assert.Equal(("heidi", (HandoverView?)null), (after.ManagerId, after.PendingHandover));
    }

    [Fact]
    [Trait("Requirement", "MAJ-04")]
    public async Task Manager_HasTemporaryAuthorityOverTheMajorIncidentsIncidents_UntilHandingOver()
    {
        _api.NextMonday();
        var major = await _steps.DeclaredP1Async("nina");
        var child = await _steps.MinorAsync(_api.As("ellen@contoso.test"));
        var elsewhere = await _steps.MinorAsync(_api.As("ellen@contoso.test"), service: "svc-crm");
        await (await _steps.PostAsync(Nina, major.Id, "children", new LinkChildIncidentRequest(child.Id))).ReadAsync<MajorIncidentResponse>();

        var reassigned = await _steps.Incidents.MoveAsync(Nina, child.Id, new() { To = IncidentState.Assigned, GroupId = "grp-identity", Reason = "Sign-in is failing" });
        Assert.Equal("grp-identity", reassigned.GroupId);
        var parent = await _steps.Incidents.MoveAsync(Nina, major.IncidentId, new() { To = IncidentState.Assigned, GroupId = "grp-network", Reason = "Firewall dropped SMTP" });
        Assert.Equal("grp-network", parent.GroupId);
        await (await Nina.PostJsonAsync($"/api/incidents/{child.Id}/priority", new ReprioritizeIncidentRequest { Impact = Impact.High, Reason = "Part of the outage" }))
            .ReadAsync<IncidentResponse>();
        await (await Nina.PostJsonAsync($"/api/incidents/{elsewhere.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = "grp-network", Reason = "Firewall" }))
            .ProblemAsync(HttpStatusCode.Forbidden); // not one of the major incident's

        await (await _steps.PostAsync(Nina, major.Id, "handover", new OfferHandoverRequest { ToId = "dan" })).ReadAsync<MajorIncidentResponse>();
        await (await Dan.PostAsync($"/api/major-incidents/{major.Id}/handover/accept", null)).ReadAsync<MajorIncidentResponse>();
        await (await Nina.PostJsonAsync($"/api/incidents/{child.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = "grp-messaging", Reason = "Back to mail" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var byNewManager = await _steps.Incidents.MoveAsync(Dan, child.Id, new() { To = IncidentState.Assigned, GroupId = "grp-messaging", Reason = "Back to mail" });
        Assert.Equal("grp-messaging", byNewManager.GroupId);
    }

    [Fact]
    [Trait("Requirement", "MAJ-04")]
    public async Task Authority_EndsWhenTheMajorIncidentIsDowngraded()
    {
        _api.NextMonday();
        var major = await _steps.DeclaredP1Async("nina");
        await _steps.MoveAsync(_steps.Carol, major.Id, MajorIncidentState.Downgraded, "Only one floor affected");
        await (await Nina.PostJsonAsync($"/api/incidents/{major.IncidentId}/transitions", new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = "grp-network", Reason = "Firewall" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var ended = await _steps.GetAsync(major.Id);
        Assert.NotNull(Assert.Single(ended.ManagerHistory).To);
    }
}
