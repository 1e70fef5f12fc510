using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Platform;

/// <summary>The bot links a Slack identity to a person by the email Slack's directory gives (SEC-02).</summary>
public sealed class ChatIdentityLinkTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Workspace = "T0ALLOWED";

    private static LinkChatIdentityRequest Link(string user, string email, ChatPlatform platform = ChatPlatform.Slack, string workspace = Workspace) =>
        new(platform, workspace, user, email);

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Link_EmailOfAPerson_LinkedThenActsAsThemFromSlack_SamePersonAsTeams()
    {
        var bot = api.AsBot(null);

        var linked = await (await bot.PostJsonAsync("/api/people/link", Link("U0CAROL01", "carol@contoso.test"))).ReadAsync<PersonResponse>();
        var again = await (await bot.PostJsonAsync("/api/people/link", Link("U0CAROL01", "carol@contoso.test"))).ReadAsync<PersonResponse>();
        var resolved = await (await bot.GetAsync($"/api/people/resolve?platform=Slack&tenantId={Workspace}&userId=U0CAROL01")).ReadAsync<PersonResponse>();
        var me = await (await api.AsBot(null, Channel.Slack, $"Slack|{Workspace}|U0CAROL01").GetAsync("/api/me")).ReadAsync<PersonResponse>();

        Assert.Equal("carol", linked.Id);
        Assert.Contains(new ChatIdentity(ChatPlatform.Slack, Workspace, "U0CAROL01"), linked.ChatIdentities);
        Assert.Equal(linked.ChatIdentities, again.ChatIdentities);
        Assert.Equal(("carol", "carol"), (resolved.Id, me.Id));
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Link_ConcurrentFirstMessages_OneLinkNoError()
    {
        var bot = api.AsBot(null);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bot.PostJsonAsync("/api/people/link", Link("U0FRANK01", "frank@contoso.test"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var person = await answers[0].ReadAsync<PersonResponse>();
        Assert.Single(person.ChatIdentities, c => c.Platform == ChatPlatform.Slack);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Link_EmailNobodyHas_NotFound_NothingLinked()
    {
        var bot = api.AsBot(null);

        await (await bot.PostJsonAsync("/api/people/link", Link("U0STRANGE", "stranger@elsewhere.test"))).ProblemAsync(HttpStatusCode.NotFound);

        await (await bot.GetAsync($"/api/people/resolve?platform=Slack&tenantId={Workspace}&userId=U0STRANGE")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Link_WorkspaceNotAllowed_Forbidden()
    {
        await (await api.AsBot(null).PostJsonAsync("/api/people/link", Link("U0CAROL01", "carol@contoso.test", workspace: "T0OTHERCO"))).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Link_TeamsIdentity_Unprocessable()
    {
        await (await api.AsBot(null).PostJsonAsync("/api/people/link", Link("oid", "carol@contoso.test", ChatPlatform.Teams, "contoso-tenant"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Link_SecondSlackUserForTheSamePersonInTheWorkspace_Conflict()
    {
        var bot = api.AsBot(null);
        await (await bot.PostJsonAsync("/api/people/link", Link("U0GRACE01", "grace@contoso.test"))).ReadAsync<PersonResponse>();

        var second = await bot.PostJsonAsync("/api/people/link", Link("U0GRACE02", "grace@contoso.test"));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Link_ByAPerson_Forbidden_AndBadEmail_ValidationNamingTheField()
    {
        await (await api.As("dave@contoso.test").PostJsonAsync("/api/people/link", Link("U0DAVE001", "dave@contoso.test"))).ProblemAsync(HttpStatusCode.Forbidden);
        var problem = await (await api.AsBot(null).PostJsonAsync("/api/people/link", Link("U0DAVE001", "not-an-email"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }
}
