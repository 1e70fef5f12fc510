namespace ItsmChatOps.Bot.Cards;

public static class CardServiceCollectionExtensions
{
    /// <summary>Registers the embedded card templates and the renderer that binds view models to them.</summary>
    public static IServiceCollection AddCardTemplates(this IServiceCollection services)
    {
        services.AddSingleton<CardTemplates>();
        services.AddSingleton<CardRenderer>();
        return services;
    }
}
