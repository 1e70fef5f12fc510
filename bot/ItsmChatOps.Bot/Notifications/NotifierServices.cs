namespace ItsmChatOps.Bot.Notifications;

public static class NotifierServices
{
    /// <summary>The notifier and the notices it delivers; it runs as a background service where <c>Notifier:Enabled</c>.</summary>
    public static IServiceCollection AddNotifier(this IServiceCollection services)
    {
        services.AddOptions<NotifierOptions>().BindConfiguration(NotifierOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProactiveSender>();
        services.AddSingleton<NotificationKit>();
        services.AddSingleton<Recipients>();
        services.AddSingleton<INotices, ProgressNotices>();
        services.AddSingleton<INotices, ClosureNotices>();
        services.AddSingleton<INotices, SurveyNotices>();
        services.AddSingleton<INotices, StaffNotices>();
        services.AddSingleton<INotices, ServiceLevelNotices>();
        services.AddSingleton<INotices, ChangeNotices>();
        services.AddSingleton<INotices, MajorIncidentNotices>();
        services.AddSingleton<INotices, ProblemNotices>();
        services.AddSingleton<INotices, KnowledgeNotices>();
        services.AddSingleton(sp =>
        {
            var routes = new NotificationRoutes();
            foreach (var notices in sp.GetServices<INotices>())
            {
                notices.Register(routes);
            }

            return routes;
        });
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<Notifier>();
        services.AddHostedService(sp => sp.GetRequiredService<Notifier>());
        return services;
    }
}
