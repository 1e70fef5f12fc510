using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Relationships;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>Registers configuration management (requirements §8.1): CIs, their types and relationships.</summary>
public static class ConfigurationItemsSetup
{
    public static IHostApplicationBuilder AddConfigurationItems(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CiStore>();
        services.AddSingleton<CiService>();
        services.AddSingleton<CiLookup>();
        services.AddSingleton<RelationshipGraph>();
        services.AddSingleton(new EventSource(ConfigurationItem.Type));
        CiStore.DeclareIndexes(services);
        return builder;
    }

    public static WebApplication MapConfigurationItems(this WebApplication app)
    {
        CiApi.MapConfigurationItems(app);
        app.MapRelationships();
        app.MapCiTypes();
        return app;
    }
}
