extern alias bot;
using System.Text.Json.Nodes;
using bot::ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Deployment.Tests.Infrastructure;
using ItsmChatOps.Deployment.Tests.Settings;

namespace ItsmChatOps.Deployment.Tests;

/// <summary>Every setting the code reads in Production is given by the Bicep, and the Bicep gives nothing the code ignores.</summary>
public sealed class SettingsCrossCheckTests
{
    public static TheoryData<string> Apps => ["api", "bot"];

    [Theory]
    [MemberData(nameof(Apps))]
    public void Problems_BicepSettingsAgainstCode_None(string app)
    {
        var reader = BicepAppSettings.Reader(app);

        var problems = reader.Problems.Concat(SettingsCheck.Problems(Profile(app), reader.Reads, BicepAppSettings.Keys(BicepCli.Main, app)));

        Assert.Empty(problems);
    }

    [Fact]
    public void Problems_SettingRenamedInCode_BicepSettingAndProfileReported()
    {
        var sources = BicepAppSettings.SourcesOf("api")
            .Select(s => (s.Path, s.Text.Replace("\"Itsm:TenantId\"", "\"Itsm:Tenant\"", StringComparison.Ordinal)));
        var reader = ConfigurationReader.Analyze(sources);

        var problems = SettingsCheck.Problems(AzureProfile.Api, reader.Reads, BicepAppSettings.Keys(BicepCli.Main, "api"));

        Assert.Contains(problems, p => p.Contains("sets 'Itsm:TenantId', but the code does not read it", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("requires 'Itsm:TenantId', but the code does not read it", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_OptionsPropertyRenamed_RequiredKeyReported()
    {
        var sources = BicepAppSettings.SourcesOf("api")
            .Select(s => (s.Path, s.Text.Replace("public Uri? Endpoint {", "public Uri? AccountEndpoint {", StringComparison.Ordinal)));
        var reader = ConfigurationReader.Analyze(sources);

        var problems = SettingsCheck.Problems(AzureProfile.Api, reader.Reads, BicepAppSettings.Keys(BicepCli.Main, "api"));

        Assert.Contains(problems, p => p.Contains("the code requires 'Storage:Cosmos:AccountEndpoint'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("sets 'Storage:Cosmos:Endpoint', but the code does not read it", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_RequiredSettingMissing_Reported()
    {
        var reader = BicepAppSettings.Reader("bot");
        var settings = BicepAppSettings.Keys(BicepCli.Main, "bot").Where(k => k != "Bot:AppId").ToList();

        var problems = SettingsCheck.Problems(AzureProfile.Bot, reader.Reads, settings);

        Assert.Equal(["bot: the Bicep does not set 'Bot:AppId', which the app needs in Azure."], problems);
    }

    [Fact]
    public void Problems_DevelopmentSettingSet_Reported()
    {
        var reader = BicepAppSettings.Reader("api");
        var settings = BicepAppSettings.Keys(BicepCli.Main, "api").Append("Itsm:Development:ServiceKey").ToList();

        var problems = SettingsCheck.Problems(AzureProfile.Api, reader.Reads, settings);

        Assert.Single(problems, p => p.Contains("'Itsm:Development:ServiceKey', which must not be set in Azure", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_CodeReadsAnticipatedSectionUnderOtherName_Reported()
    {
        var reads = BicepAppSettings.Reader("bot").Reads.Where(r => r.Key != "Api:BaseUrl")
            .Append(new SettingRead("Api:BaseAddress", "ApiOptions.cs:1")).ToList();

        var problems = SettingsCheck.Problems(AzureProfile.Bot, reads, BicepAppSettings.Keys(BicepCli.Main, "bot"));

        Assert.Contains(problems, p => p.Contains("sets 'Api:BaseUrl', but the code does not read it", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_LiteralSettings_OnesTheCodeAccepts()
    {
        var api = BicepAppSettings.Groups(BicepCli.Main, "api")["appSettings"];
        var allowedAppTypes = BicepCli.Main["parameters"]!["botAppType"]!["allowedValues"]!.AsArray().Select(v => (string)v!);

        Assert.Equal("Cosmos", (string?)api["Storage__Provider"]);
        Assert.Subset(Enum.GetNames<BotAppType>().ToHashSet(), allowedAppTypes.ToHashSet());
    }

    [Fact]
    public void Groups_BotModule_ConditionalSecretsApart()
    {
        var groups = BicepAppSettings.Groups(BicepCli.Main, "bot");

        Assert.Equal(["appSettings", "clientSecretSettings", "slackSettings"], groups.Keys.Order());
        Assert.All(groups["slackSettings"].Concat(groups["clientSecretSettings"]), s =>
            Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName={0};SecretName=", s.Value is JsonValue v ? (string?)v : null, StringComparison.Ordinal));
    }

    private static AzureProfile Profile(string app) => app == "api" ? AzureProfile.Api : AzureProfile.Bot;
}
