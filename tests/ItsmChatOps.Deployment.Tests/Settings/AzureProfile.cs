namespace ItsmChatOps.Deployment.Tests.Settings;

/// <summary>
/// What a deployment to Azure must and must not give one app. Every key named here must also be read by
/// the code (or by a library it calls), so renaming a setting in the code breaks this profile too.
/// </summary>
/// <param name="Required">Keys the app needs in Azure although the code has a default or checks them late.</param>
/// <param name="Anticipated">Keys the infrastructure sets before the code reads them; tolerated only while the code reads nothing in their top section.</param>
/// <param name="Forbidden">Sections that must never be set in Azure, with the reason.</param>
public sealed record AzureProfile(
    string App,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Anticipated,
    IReadOnlyList<(string Section, string Reason)> Forbidden)
{
    private static readonly (string, string)[] DevelopmentOnly =
    [
        ("Itsm:Development", "development credentials; the API refuses to start with them outside Development"),
        ("Authentication:Schemes:Bearer:SigningKeys", "user-jwts signing keys; refused outside Development"),
        ("Authentication:Schemes:Bearer:ValidIssuer", "the Entra issuer comes from the authority's metadata; development issuers are refused"),
        ("Authentication:Schemes:Bearer:ValidIssuers", "the Entra issuer comes from the authority's metadata; development issuers are refused"),
        ("Storage:Cosmos:Key", "Cosmos DB local auth is disabled; the app signs in with its managed identity"),
        ("Storage:Cosmos:CreateIfNotExists", "the Bicep creates the container and its indexing policy; refused in Production"),
        ("Storage:Cosmos:AllowInsecureLoopbackCertificate", "local emulators only"),
        ("Storage:Sqlite", "Azure uses Cosmos DB"),
        ("Itsm:Seed", "sample data is for local runs"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "there is no OTLP collector in App Service; telemetry goes to Application Insights"),
        ("ASPNETCORE_ENVIRONMENT", "the apps run as Production, the default, which keeps development features off"),
        ("DOTNET_ENVIRONMENT", "the apps run as Production, the default, which keeps development features off"),
    ];

    public static AzureProfile Api { get; } = new(
        "api",
        Required:
        [
            "Storage:Provider", "Storage:Cosmos:Endpoint", "Storage:Cosmos:DatabaseName", "Storage:Cosmos:ContainerName",
            "Itsm:TenantId", "Itsm:ChatIdentity:AllowedTenants:*",
            "Authentication:Schemes:Bearer:Authority", "Authentication:Schemes:Bearer:ValidAudiences:*",
            "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING",
        ],
        Anticipated: ["APPLICATIONINSIGHTS_CONNECTION_STRING"],
        Forbidden: DevelopmentOnly);

    public static AzureProfile Bot { get; } = new(
        "bot",
        Required: ["Bot:AppId", "Bot:AppType", "Bot:TenantId", "Api:BaseUrl", "Api:Scope", "APPLICATIONINSIGHTS_CONNECTION_STRING"],
        Anticipated: ["Api:BaseUrl", "Api:Scope", "Slack:SigningSecret", "Slack:BotToken", "APPLICATIONINSIGHTS_CONNECTION_STRING"],
        Forbidden: DevelopmentOnly);
}
