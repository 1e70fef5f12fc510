using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ItsmChatOps.Api.Tests.Platform;

public sealed class SecurityTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public SecurityTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "SEC-01")]
    public async Task ResolverOfAnotherGroup_CannotResolve_ReporterReadsOwn_OthersCannot()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var nina = _api.As("nina@contoso.test");
        var resolve = await nina.PostJsonAsync($"/api/incidents/{incident.Id}/transitions", new TransitionIncidentRequest { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        await resolve.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await _steps.Dave.GetAsync($"/api/incidents/{incident.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.As("ellen@contoso.test").GetAsync($"/api/incidents/{incident.Id}")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "SEC-01")]
    public async Task Bot_WithoutAPersonToActFor_Is401_AndActsWithThatPersonsRolesOnly()
    {
        var anonymousBot = await _api.AsBot(null).GetAsync("/api/incidents");
        await anonymousBot.ProblemAsync(HttpStatusCode.Unauthorized);
        var incident = await _steps.InProgressWithBobAsync();
        var asDave = await _api.AsBot("dave", Channel.Teams).PostJsonAsync($"/api/incidents/{incident.Id}/transitions",
            new TransitionIncidentRequest { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        await asDave.ProblemAsync(HttpStatusCode.Forbidden);
        var me = await (await _api.AsBot("bob", Channel.Slack).GetAsync("/api/me")).ReadAsync<PersonResponse>();
        Assert.Equal(["Resolver"], me.Roles.Select(r => r.ToString()));
    }

    [Fact]
    [Trait("Requirement", "SEC-01")]
    public async Task Customer_SeesOnlyTheirOwnServicesRecords()
    {
        var onCrm = await _steps.RaiseAsync(Requests.Incident("CRM search is slow", "svc-crm"));
        var onPayroll = await _steps.RaiseAsync(Requests.Incident("Payslip totals look wrong", "svc-payroll"));
        var erin = _api.As("erin@fabrikam.test");
        var visible = await (await erin.GetAsync("/api/incidents?pageSize=200")).ReadAsync<Page<IncidentSummary>>();
        Assert.Contains(visible.Items, i => i.Id == onCrm.Id);
        Assert.DoesNotContain(visible.Items, i => i.Id == onPayroll.Id);
        var otherCustomersService = await (await erin.GetAsync("/api/incidents?serviceId=svc-payroll")).ReadAsync<Page<IncidentSummary>>();
        Assert.Empty(otherCustomersService.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync($"/api/incidents/{onPayroll.Id}")).StatusCode);
        var raiseElsewhere = await erin.PostJsonAsync("/api/incidents", Requests.Incident("Payroll", "svc-payroll"));
        await raiseElsewhere.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task ChatIdentities_MapToOnePerson_UnknownTenantIs403_UnmappedIdentityIs403()
    {
        var grace = _api.As("grace@contoso.test");
        var mapped = await grace.PutAsync("/api/people/ellen", System.Net.Http.Json.JsonContent.Create(new UpsertPersonRequest
        {
            DisplayName = "Ellen User",
            Email = "ellen@contoso.test",
            ChatIdentities = [new(ChatPlatform.WebChat, "local", "ellen@contoso.test"), new(ChatPlatform.Teams, "contoso-tenant", "aad-ellen-1"), new(ChatPlatform.Slack, "T0CONTOSO", "U0ELLEN")],
        }, options: ItsmJson.Options));
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);

        var viaTeams = await (await _api.AsBot(null, Channel.Teams, "Teams|contoso-tenant|aad-ellen-1").PostJsonAsync("/api/incidents", Requests.Incident("Teams calls drop")))
            .ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        var viaWebChat = await (await _api.AsBot(null, Channel.WebChat, "WebChat|local|ellen@contoso.test").PostJsonAsync("/api/incidents", Requests.Incident("Teams calls drop again")))
            .ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        Assert.Equal("ellen", viaTeams.ReporterId);
        Assert.Equal(viaTeams.ReporterId, viaWebChat.ReporterId);
        Assert.Equal(Channel.Teams, viaTeams.Channel);

        var otherTenant = await _api.AsBot(null, Channel.Teams, "Teams|fabrikam-tenant|aad-ellen-1").GetAsync("/api/me");
        Assert.Contains("SEC-02", (await otherTenant.ProblemAsync(HttpStatusCode.Forbidden)).Requirements());
        var slackNotAllowed = await _api.AsBot(null, Channel.Slack, "Slack|T0CONTOSO|U0ELLEN").GetAsync("/api/me");
        await slackNotAllowed.ProblemAsync(HttpStatusCode.Forbidden);
        var unmapped = await _api.AsBot(null, Channel.Teams, "Teams|contoso-tenant|aad-nobody").GetAsync("/api/me");
        await unmapped.ProblemAsync(HttpStatusCode.Forbidden);
        var resolve = await _api.AsBot(null).GetAsync("/api/people/resolve?platform=Teams&tenantId=contoso-tenant&userId=aad-ellen-1");
        Assert.Equal("ellen", (await resolve.ReadAsync<PersonResponse>()).Id);
    }

    [Fact]
    [Trait("Requirement", "SEC-03")]
    public async Task SecurityIncident_IsRestrictedToReporterAndSecurityTeam_AndTheSecurityManagerIsTold()
    {
        var incident = await _steps.RaiseAsync(Requests.Incident("Clicked a link in a strange invoice email") with { Security = true });
        var created = Assert.Single(await _steps.TimelineAsync(incident.Id, _api.As("frank@contoso.test")), e => e.Kind == "IncidentCreated");
        Assert.Contains("role:SecurityManager", created.Notify);
        Assert.Equal("grp-security", incident.SuggestedGroupId);
        var bob = await _steps.Bob.GetAsync($"/api/incidents/{incident.Id}");
        Assert.Contains("SEC-03", (await bob.ProblemAsync(HttpStatusCode.Forbidden)).Requirements());
        Assert.Equal(HttpStatusCode.OK, (await _steps.Dave.GetAsync($"/api/incidents/{incident.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.As("frank@contoso.test").GetAsync($"/api/incidents/{incident.Id}")).StatusCode);
        var list = await (await _steps.Bob.GetAsync("/api/incidents?pageSize=200")).ReadAsync<Page<IncidentSummary>>();
        var row = Assert.Single(list.Items, i => i.Id == incident.Id);
        Assert.Equal("Restricted", row.Summary);
        Assert.True(row.Restricted);
        var audit = await _steps.TimelineAsync(incident.Id, _api.As("frank@contoso.test"));
        Assert.Contains(audit, e => e.Kind == "RestrictedRecordRead" && e.ActorId == "frank");
    }

    [Fact]
    [Trait("Requirement", "SEC-03")]
    public async Task SecurityFlag_SetLater_IsAudited_AndTellsTheSecurityManager()
    {
        var incident = await _steps.InProgressWithBobAsync();
        await (await _steps.Bob.PatchJsonAsync($"/api/incidents/{incident.Id}", new UpdateIncidentRequest { Security = true })).ReadAsync<IncidentResponse>();
        var changed = Assert.Single(await _steps.TimelineAsync(incident.Id, _api.As("frank@contoso.test")), e => e.Kind == "SecurityFlagChanged");
        Assert.Contains("role:SecurityManager", changed.Notify);
        Assert.Equal("bob", changed.ActorId);
    }

    [Fact]
    public void DevelopmentKeys_OutsideDevelopment_StopTheAppFromStarting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = "c2VjcmV0",
            ["Authentication:Schemes:Bearer:ValidIssuer"] = "dotnet-user-jwts",
        }).Build();
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production };
        var refused = Assert.Throws<InvalidOperationException>(() => AuthSetup.GuardAgainstDevelopmentKeys(configuration, production));
        Assert.Contains("only allowed in Development", refused.Message);
        var development = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Development };
        AuthSetup.GuardAgainstDevelopmentKeys(configuration, development);
    }

    [Fact]
    public async Task Token_Forged_Expired_OrForAnotherAudience_Is401()
    {
        var forged = TestTokens.Mint([new("name", "dave@contoso.test")], key: Convert.ToBase64String(new byte[32]));
        var expired = TestTokens.Mint([new("name", "dave@contoso.test")], expires: DateTime.UtcNow.AddHours(-1));
        var otherAudience = TestTokens.Mint([new("name", "dave@contoso.test")], audience: "someone-else");
        foreach (var token in new[] { forged, expired, otherAudience, "not-a-jwt" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await _api.WithToken(token).GetAsync("/api/me")).StatusCode);
        }
    }
}
