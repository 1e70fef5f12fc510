using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Seed;

namespace ItsmChatOps.Api.Changes;

/// <summary>Registers change management (requirements §8.2). Needs <c>AddConfigurationItems</c>: changes act on CIs.</summary>
public static class ChangesSetup
{
    public static IHostApplicationBuilder AddChanges(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ChangeStore>();
        services.AddSingleton<ChangeTemplateStore>();
        services.AddSingleton<DelegationStore>();
        services.AddSingleton<ChangeAnalysis>();
        services.AddSingleton<ChangeService>();
        services.AddSingleton<ChangeWorkflow>();
        services.AddSingleton<ChangeViews>();
        services.AddSingleton<ChangeSchedule>();
        services.AddSingleton<ChangeTimers>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeTimers>());
        services.AddSingleton<EstateSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<EstateSeeder>());
        foreach (var source in new[] { Change.Type, ChangeTemplate.Type, ApprovalDelegation.Type })
        {
            services.AddSingleton(new EventSource(source));
        }

        ChangeStore.DeclareIndexes(services);
        return builder;
    }

    public static WebApplication MapChangeManagement(this WebApplication app)
    {
        app.MapChanges();
        app.MapChangeTemplates();
        return app;
    }
}
