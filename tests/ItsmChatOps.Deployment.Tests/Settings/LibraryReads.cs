namespace ItsmChatOps.Deployment.Tests.Settings;

/// <summary>
/// Settings that libraries read on the app's behalf once the app calls them: the call found in the source
/// brings its keys in, so a setting for a library the app no longer uses is flagged like any other.
/// </summary>
public static class LibraryReads
{
    public static IReadOnlyList<(string Api, string[] Keys)> Table { get; } =
    [
        // DefaultAzureCredential picks a user-assigned managed identity by AZURE_CLIENT_ID.
        ("Azure.Identity.DefaultAzureCredential", ["AZURE_CLIENT_ID", "AZURE_TENANT_ID"]),

        // JwtBearerConfigureOptions binds these from Authentication:Schemes:Bearer (ASP.NET Core 8 and later).
        ("Microsoft.Extensions.DependencyInjection.JwtBearerExtensions.AddJwtBearer",
        [
            .. new[]
            {
                "Authority", "Audience", "ValidAudiences:*", "ValidIssuer", "ValidIssuers:*", "MetadataAddress", "RequireHttpsMetadata",
                "BackchannelTimeout", "Challenge", "ClaimsIssuer", "IncludeErrorDetails", "MapInboundClaims", "RefreshInterval",
                "AutomaticRefreshInterval", "RefreshOnIssuerKeyNotFound", "SaveToken", "SigningKeys:*:Issuer", "SigningKeys:*:Value",
            }.Select(k => $"Authentication:Schemes:Bearer:{k}"),
        ]),

        // The OpenTelemetry SDK names the service (the Application Insights cloud role) from these.
        ("Microsoft.Extensions.DependencyInjection.OpenTelemetryServicesExtensions.AddOpenTelemetry", ["OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"]),

        // The Azure Monitor distro sends traces, metrics and logs to this Application Insights resource.
        ("UseAzureMonitor", ["APPLICATIONINSIGHTS_CONNECTION_STRING"]),
    ];
}
