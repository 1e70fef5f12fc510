using ItsmChatOps.Api.Events;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>Registers major incident management: the store, the rules' services, reactions to events and the timers.</summary>
public static class MajorIncidentsSetup
{
    public static IHostApplicationBuilder AddMajorIncidents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<MajorIncidentStore>();
        services.AddSingleton<MajorIncidentContexts>();
        services.AddSingleton<MajorIncidentService>();
        services.AddSingleton<ChildIncidentService>();
        services.AddSingleton<MajorIncidentAuthority>();
        services.AddSingleton<MajorIncidentTimers>();
        services.AddHostedService(sp => sp.GetRequiredService<MajorIncidentTimers>());
        services.AddSingleton<IEventReaction, MajorIncidentOnIncidentEvents>();
        services.AddSingleton<IEventReaction, SlaContactsOnDeclaration>();
        services.AddSingleton<IEventReaction, ImprovementItemsOnClosure>();
        services.AddSingleton(new EventSource(MajorIncident.Type));
        MajorIncidentStore.DeclareIndexes(services);
        return builder;
    }
}
