using System.Text.Json.Serialization;
using Azure.Core;
using ItsmChatOps.Bot.ApiConnection;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.Notifications;
using ItsmChatOps.Bot.State;
using ItsmChatOps.Bot.WarRooms;
using ItsmChatOps.Bot.Protocol.Auth;
using ItsmChatOps.Bot.Protocol.Connector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>Registers the Bot Framework protocol (inbound auth, Connector client) and the application.</summary>
internal static class BotServices
{
    public static WebApplicationBuilder AddBotFramework(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);

        services.AddHttpClient(ChannelMetadata.HttpClientName);
        services.AddHttpClient(BotFrameworkConnector.HttpClientName);
        services.AddHttpClient(BotCredentialFactory.HttpClientName);

        services.AddSingleton<ChannelMetadata>();
        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton(sp => new Lazy<TokenCredential>(() => BotCredentialFactory.Create(
            sp.GetRequiredService<IOptions<BotOptions>>().Value, sp.GetRequiredService<IHttpClientFactory>())));
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<IChannelConnector, BotFrameworkConnector>();
        return builder;
    }

    public static WebApplicationBuilder AddItsmBot(this WebApplicationBuilder builder)
    {
        builder.AddItsmApi();
        var services = builder.Services;
        services.AddCardTemplates();
        services.AddSingleton<ReplyRenderer>();
        services.AddSingleton<ConversationDirectory>();
        services.AddSingleton<CardMemory>();
        services.AddSingleton<ChatUsers>();
        services.AddSingleton<Catalog>();
        services.AddSingleton<IncidentViews>();
        services.AddSingleton<KnowledgeFlow>();
        services.AddSingleton<ProblemCandidateFlow>();
        services.AddSingleton<RaiseIncidentFlow>();
        services.AddSingleton<IncidentFlows>();
        services.AddSingleton<ConfirmClosureFlow>();
        services.AddSingleton<SurveyFlow>();
        services.AddSingleton<ServiceLevelFlows>();
        services.AddSingleton<ChangeViews>();
        services.AddSingleton<ChangeFlows>();
        services.AddSingleton<ChangeFormFlow>();
        services.AddSingleton<ScheduleFlows>();
        services.AddSingleton<WarRoomFlow>();
        services.AddSingleton<MajorIncidentFlows>();
        services.AddSingleton<MajorReviewFlow>();
        services.AddSingleton<Identity.HandoverTargets>();
        services.AddSingleton<BotFlows>();
        services.AddNotifier();
        services.AddWarRooms();
        services.AddSingleton<BotApplication, ItsmBot>();
        services.AddSingleton<ChannelConnectors>();
        services.AddSingleton<TurnErrorHandler>();
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        return builder;
    }
}
