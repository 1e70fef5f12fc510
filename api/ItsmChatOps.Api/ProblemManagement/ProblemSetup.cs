using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.KnownErrors;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>Registers problem management: problems, known errors, recurring-incident candidates, reactions to incident and change events, timers.</summary>
public static class ProblemSetup
{
    public static IHostApplicationBuilder AddProblems(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ProblemService>();
        services.AddSingleton<KnownErrorService>();
        services.AddSingleton<ProblemCandidates>();
        services.AddSingleton<IEventReaction, IncidentReactions>();
        services.AddSingleton<IEventReaction, ChangeReactions>();
        services.AddSingleton<IEventReaction, ConfigurationItemReactions>();
        services.AddSingleton<IEventReaction, KnownErrorAnnouncement>();
        services.AddSingleton<ProcessTimers>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessTimers>());
        services.AddSingleton(new EventSource(Problem.Type));
        services.AddSingleton(new EventSource(KnownError.Type));
        services.AddSingleton(new EventSource(ProblemCandidate.Type));
        ProblemService.DeclareIndexes(services);
        ProblemCandidates.DeclareIndexes(services);
        return builder;
    }

    public static WebApplication MapProblemManagement(this WebApplication app)
    {
        app.MapProblems();
        app.MapKnownErrors();
        return app;
    }
}
