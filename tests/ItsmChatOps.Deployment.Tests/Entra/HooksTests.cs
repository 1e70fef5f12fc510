using ItsmChatOps.AzureHooks;
using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests.Entra;

/// <summary>The azd hooks against a Graph double: idempotent registration, role changes Entra accepts, grants once.</summary>
public sealed class HooksTests
{
    private readonly FakeGraph directory = new();

    [Fact]
    public async Task EnsureAsync_NewEnvironment_AppWithRolesIdentifierUriAndPrincipal()
    {
        var registration = await Registration().EnsureAsync("Prod", AppRoles.Load(Repository.Root));

        var application = Assert.Single(directory.Applications).Value;
        Assert.Equal("itsmchatops-api-prod", (string?)application["uniqueName"]);
        Assert.Equal([$"api://{registration.AppId}"], application["identifierUris"]!.AsArray().Select(u => (string)u!));
        Assert.Equal(2, (int?)application["api"]!["requestedAccessTokenVersion"]);
        Assert.Equal("AzureADMyOrg", (string?)application["signInAudience"]);
        Assert.Equal(AppRoles.Load(Repository.Root).Count, application["appRoles"]!.AsArray().Count);
        Assert.Equal(registration.ServicePrincipalId, (string?)directory.ServicePrincipals[registration.AppId]["id"]);
    }

    [Fact]
    public async Task EnsureAsync_RunTwice_SameRegistration()
    {
        var first = await Registration().EnsureAsync("prod", AppRoles.Load(Repository.Root));

        var second = await Registration().EnsureAsync("prod", AppRoles.Load(Repository.Root));

        Assert.Equal(first, second);
        Assert.Single(directory.Applications);
        Assert.Single(directory.ServicePrincipals);
    }

    [Fact]
    public async Task EnsureAsync_RoleNoLongerDefined_DisabledThenRemoved()
    {
        var roles = AppRoles.Load(Repository.Root);
        await Registration().EnsureAsync("prod", roles);
        roles.RemoveAt(0);

        await Registration().EnsureAsync("prod", roles);

        Assert.Equal(roles.Count, Assert.Single(directory.Applications).Value["appRoles"]!.AsArray().Count);
    }

    [Fact]
    public async Task EnsureAsync_PrincipalReplicating_RetriedThenGrantedOnce()
    {
        var registration = await Registration().EnsureAsync("prod", AppRoles.Load(Repository.Root));
        directory.ReplicationDelays["bot-principal"] = 2;
        var assignments = new AppRoleAssignments(new GraphApi(Client()), TimeSpan.Zero);

        await assignments.EnsureAsync(registration.AppId, "bot-principal", "Itsm.Bot");
        await assignments.EnsureAsync(registration.AppId, "bot-principal", "Itsm.Bot");

        var grant = Assert.Single(directory.Assignments);
        Assert.Equal(AppRoles.IdOf(AppRoles.Load(Repository.Root), "Itsm.Bot").ToString(), (string?)grant["appRoleId"]);
        Assert.Equal(registration.ServicePrincipalId, (string?)grant["resourceId"]);
    }

    [Fact]
    public async Task EnsureAsync_UnknownRole_Refused()
    {
        var registration = await Registration().EnsureAsync("prod", AppRoles.Load(Repository.Root));

        var refused = await Assert.ThrowsAsync<HookException>(() =>
            new AppRoleAssignments(new GraphApi(Client())).EnsureAsync(registration.AppId, "someone", "Itsm.Superuser"));

        Assert.Contains("Itsm.Superuser", refused.Message, StringComparison.Ordinal);
        Assert.Empty(directory.Assignments);
    }

    [Theory]
    [InlineData("SingleTenant", null, "BOT_SINGLE_TENANT_APP_ID")]
    [InlineData("MultiTenant", null, "BOT_APP_TYPE")]
    public void ValidateForProvisioning_IncompleteBotIdentity_Refused(string appType, string? appId, string named)
    {
        var settings = new HookSettings { EnvironmentName = "prod", SubscriptionId = "sub", BotAppType = appType, SingleTenantBotAppId = appId };

        Assert.Contains(named, Assert.Throws<HookException>(settings.ValidateForProvisioning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_AzdValues_Read()
    {
        var settings = HookSettings.FromEnvironment(new Dictionary<string, string>
        {
            ["AZURE_ENV_NAME"] = "prod", ["BOT_APP_ID"] = "bot", ["BOT_HOST_NAME"] = "app-bot.azurewebsites.net",
            ["TEAMS_APP_ID"] = "teams", ["API_APP_ID"] = "api", ["SLACK_ENABLED"] = "True",
        });

        settings.ValidateAfterProvisioning();
        Assert.True(settings.SlackEnabled);
        Assert.Equal("app-bot.azurewebsites.net", settings.TeamsValues()["BOT_DOMAIN"]);
    }

    [Fact]
    public void NextSteps_SingleTenantBot_SecretCommandsWithTheVaultName()
    {
        var settings = new HookSettings { BotAppType = "SingleTenant", KeyVaultName = "kv-abc", ResourceGroup = "rg-prod", BotHostName = "app-bot-abc.azurewebsites.net" };

        var text = NextSteps.Text(settings, Repository.Root);

        Assert.Contains("az keyvault secret set --vault-name kv-abc --name bot-client-secret", text, StringComparison.Ordinal);
        Assert.Contains("az webapp restart --resource-group rg-prod --name app-bot-abc", text, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("infra", "teams", "build", TeamsPackage.FileName), text, StringComparison.Ordinal);
    }

    private ApiRegistration Registration() => new(new GraphApi(Client()));

    private HttpClient Client() => new(directory, disposeHandler: false) { BaseAddress = new Uri("https://graph.microsoft.com/v1.0/") };
}
