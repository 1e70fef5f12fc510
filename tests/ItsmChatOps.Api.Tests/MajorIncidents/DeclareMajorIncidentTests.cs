using System.Net;
using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.MajorIncidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.MajorIncidents;

public sealed class DeclareMajorIncidentTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly MajorIncidentSteps _steps;

    public DeclareMajorIncidentTests(ApiFactory api)
    {
        _api = api;
        _steps = new MajorIncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "MAJ-01")]
    public async Task P1_IsProposedToTheIncidentManager_NotMajorWithReason_IsRejected()
    {
        _api.NextMonday();
        await _steps.ClearAsync();
        var p1 = await _steps.P1Async("Mail gateway down for everyone");
        var minor = await _steps.MinorAsync(service: "svc-crm");
        await _api.RunReactionsAsync();

        var proposed = Assert.Single(await _steps.OpenAsync(), m => m.IncidentId == p1.Id);
        Assert.Equal(MajorIncidentState.Proposed, proposed.State);
        Assert.DoesNotContain(await _steps.OpenAsync(), m => m.IncidentId == minor.Id);
        var major = await _steps.GetAsync(proposed.Id);
        Assert.Equal(["any-p1", "high-impact-critical-service"], major.MatchedRules);
        var card = Assert.Single(await _steps.EventsAsync(major.Id, "MajorIncidentProposed"));
        Assert.Equal(["role:IncidentManager"], card.Notify);

        var noReason = await _steps.PostAsync(_steps.Carol, major.Id, "transitions", new TransitionMajorIncidentRequest { To = MajorIncidentState.Rejected });
        Assert.Contains("reason", (await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var rejected = await _steps.MoveAsync(_steps.Carol, major.Id, MajorIncidentState.Rejected, "One gateway only; the other carries mail");
        Assert.Equal((MajorIncidentState.Rejected, "One gateway only; the other carries mail"), (rejected.State, rejected.Reason));

        await _steps.Incidents.MoveAsync(_steps.Mia, p1.Id, new() { To = IncidentState.InProgress });
        await _api.RunReactionsAsync();
        Assert.DoesNotContain(await _steps.OpenAsync(), m => m.IncidentId == p1.Id); // "not major" stands
    }

    [Fact]
    [Trait("Requirement", "MAJ-01")]
    public async Task Rules_AreConfigurable_ADisabledRuleProposesNothing_AnUpdateCanMatch()
    {
        _api.NextMonday();
        await _steps.ClearAsync();
        var current = await (await _steps.Grace.GetAsync($"/api/policies/{MajorIncidentPolicy.Kind}")).ReadAsync<Client.Policies.PolicyResponse>();
        var policy = new MajorIncidentPolicy();
        policy = policy with { Rules = [.. policy.Rules.Select(r => r with { Enabled = r.Id == "many-affected-users" }), new("three-affected", "Three affected users", MajorRuleKind.AffectedUsers, AffectedUsersAtLeast: 3)] };
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/policies/{MajorIncidentPolicy.Kind}") { Content = JsonContent.Create(policy, options: ItsmJson.Options) };
        request.Headers.TryAddWithoutValidation("If-Match", current.ETag);
        Assert.Equal(HttpStatusCode.OK, (await _steps.Grace.SendAsync(request)).StatusCode);
        _api.Clock.Advance(TimeSpan.FromMinutes(1)); // past the policy cache

        try
        {
            var p1 = await _steps.P1Async("Calendar sync stopped");
            var minor = await _steps.MinorAsync(service: "svc-vpn");
            await _api.RunReactionsAsync();
            Assert.DoesNotContain(await _steps.OpenAsync(), m => m.IncidentId == p1.Id || m.IncidentId == minor.Id);

            foreach (var user in new[] { "ellen@contoso.test", "erin@fabrikam.test", "fred@fabrikam.test" })
            {
                Assert.Equal(HttpStatusCode.OK, (await _api.As(user).PostAsync($"/api/incidents/{minor.Id}/affected", null)).StatusCode);
            }

            await _api.RunReactionsAsync();
            var proposed = Assert.Single(await _steps.OpenAsync(), m => m.IncidentId == minor.Id);
            Assert.Equal(["three-affected"], (await _steps.GetAsync(proposed.Id)).MatchedRules);
        }
        finally
        {
            var latest = await (await _steps.Grace.GetAsync($"/api/policies/{MajorIncidentPolicy.Kind}")).ReadAsync<Client.Policies.PolicyResponse>();
            var restore = new HttpRequestMessage(HttpMethod.Put, $"/api/policies/{MajorIncidentPolicy.Kind}") { Content = JsonContent.Create(new MajorIncidentPolicy(), options: ItsmJson.Options) };
            restore.Headers.TryAddWithoutValidation("If-Match", latest.ETag);
            await _steps.Grace.SendAsync(restore);
            _api.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    [Trait("Requirement", "MAJ-02")]
    public async Task ServiceDesk_CannotDeclare_IncidentManagerAndServiceDeskLeadCan_DeclarationIsRecorded()
    {
        var monday = _api.NextMonday();
        await _steps.ClearAsync();
        var incident = await _steps.MinorAsync();
        var refused = await (await _steps.DeclareRawAsync(_steps.Alice, incident.Id)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("MAJ-02", refused.Requirements());

        var declared = await (await _steps.DeclareRawAsync(_steps.Carol, incident.Id, reason: "CEO cannot send the results email"))
            .ReadAsync<MajorIncidentResponse>(HttpStatusCode.Created);
        Assert.Equal((MajorIncidentState.Declared, "carol", monday, "CEO cannot send the results email"),
            (declared.State, declared.DeclaredById, declared.DeclaredAt!.Value, declared.Reason));
        Assert.Empty(declared.MatchedRules);
        await (await _steps.DeclareRawAsync(_steps.Heidi, incident.Id)).ProblemAsync(HttpStatusCode.Conflict);

        var second = await _steps.MinorAsync(service: "svc-vpn");
        var byLead = await (await _steps.DeclareRawAsync(_steps.Heidi, second.Id, managerId: "carol")).ReadAsync<MajorIncidentResponse>(HttpStatusCode.Created);
        Assert.Equal(("heidi", "carol"), (byLead.DeclaredById, byLead.ManagerId));
    }

    [Fact]
    [Trait("Requirement", "MAJ-02")]
    [Trait("Requirement", "MAJ-01")]
    public async Task Declaring_AProposedOne_RecordsTheMatchedRules()
    {
        _api.NextMonday();
        await _steps.ClearAsync();
        var p1 = await _steps.P1Async("Shared mailboxes gone");
        await _api.RunReactionsAsync();
        var declared = await _steps.DeclareAsync(p1.Id);
        Assert.Equal((MajorIncidentState.Declared, "carol"), (declared.State, declared.ManagerId));
        Assert.Contains("any-p1", declared.MatchedRules);
        var declaration = Assert.Single(await _steps.EventsAsync(declared.Id, "MajorIncidentDeclared"));
        Assert.Equal("carol", declaration.ActorId);
    }

    [Fact]
    [Trait("Requirement", "MAJ-03")]
    public async Task Declaring_WithoutAManagerOrWithAnUnknownOne_Is422()
    {
        _api.NextMonday();
        await _steps.ClearAsync();
        var incident = await _steps.MinorAsync();
        var missing = await (await _steps.DeclareRawAsync(_steps.Carol, incident.Id, managerId: null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("managerId", missing.ErrorFields());
        var unknown = await (await _steps.DeclareRawAsync(_steps.Carol, incident.Id, managerId: "nobody")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("MAJ-03", unknown.Requirements());
        Assert.DoesNotContain(await _steps.OpenAsync(), m => m.IncidentId == incident.Id);
    }
}
