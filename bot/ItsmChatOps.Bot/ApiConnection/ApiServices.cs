using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Security;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.ApiConnection;

/// <summary>Registers the typed API client with the bot's service credential and resilience defaults.</summary>
public static class ApiServices
{
    public static WebApplicationBuilder AddItsmApi(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        var developmentKey = builder.Configuration[DevelopmentAuth.ServiceKeySetting];
        if (!environment.IsDevelopment() && !string.IsNullOrEmpty(developmentKey))
        {
            throw new InvalidOperationException(
                $"{DevelopmentAuth.ServiceKeySetting} is set in the '{environment.EnvironmentName}' environment. It is only for Development; the bot signs in with Entra ID elsewhere.");
        }

        var services = builder.Services;
        var development = environment.IsDevelopment();
        services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.Section)
            .Configure(options => options.DevelopmentServiceKey = developmentKey)
            .ValidateDataAnnotations()
            .Validate(options => development || !string.IsNullOrWhiteSpace(options.Scope), "Api:Scope (the API's Entra scope) is required outside Development.")
            .ValidateOnStart();
        // Development signs with the shared key (and says so when it is missing); everywhere else Entra ID.
        if (development)
        {
            services.AddSingleton<IApiTokenSource, DevelopmentApiTokenSource>();
        }
        else
        {
            services.AddSingleton<IApiTokenSource, EntraApiTokenSource>();
        }

        services.AddTransient<ApiTokenHandler>();
        // Routes and the notifier are singletons holding this client: connections are recycled so DNS changes are seen.
        var client = services.AddHttpClient<ItsmApiClient>((sp, http) => http.BaseAddress = BaseAddress(sp.GetRequiredService<IOptions<ApiOptions>>().Value))
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // Unsafe methods are not retried blindly: creates carry idempotency keys and changes carry ETags instead.
        client.AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
        client.AddHttpMessageHandler<ApiTokenHandler>();
        return builder;
    }

    private static Uri BaseAddress(ApiOptions options) =>
        new(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
}
