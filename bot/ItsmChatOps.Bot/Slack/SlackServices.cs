using ItsmChatOps.Bot.Application;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Slack;

/// <summary>Registers the native Slack adapter: request verification, the Web API client, Block Kit rendering, the connector.</summary>
internal static class SlackServices
{
    public static WebApplicationBuilder AddSlack(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section);
        services.AddHttpClient<SlackWebApi>(SlackWebApi.HttpClientName);
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackCards>();
        services.AddSingleton<SlackForms>();
        services.AddSingleton<SlackCharts>();
        services.AddSingleton<SlackHome>();
        services.AddSingleton<SlackIdentities>();
        services.AddSingleton<SlackConnector>();
        services.AddSingleton<IChannelConnector>(sp => sp.GetRequiredService<SlackConnector>());
        services.AddSingleton<SlackTurns>();
        services.AddSingleton<WarRooms.ISlackWarRooms, SlackWarRooms>();
        return builder;
    }
}
