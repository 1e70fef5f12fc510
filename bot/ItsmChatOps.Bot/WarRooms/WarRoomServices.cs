using ItsmChatOps.Bot.DirectLine;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>
/// Registers the war-room channels: a major incident declared from Slack gets a Slack channel when the Slack app is
/// configured; otherwise Teams (Graph + Connector) when a team or operations channel is configured, the local room otherwise.
/// </summary>
internal static class WarRoomServices
{
    public static IServiceCollection AddWarRooms(this IServiceCollection services)
    {
        services.AddOptions<WarRoomOptions>().BindConfiguration(WarRoomOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(GraphChannels.HttpClientName);
        services.AddSingleton<GraphTokenProvider>();
        services.AddSingleton<GraphChannels>();
        services.AddSingleton<TeamsWarRoomChannels>();
        services.AddSingleton<LocalWarRoomChannels>();
        services.AddSingleton<IWarRoomChannels>(sp => new WarRoomChannelRouter(
            sp.GetRequiredService<IOptions<WarRoomOptions>>().Value.UsesTeams || sp.GetService<DirectLineConversations>() is null
                ? sp.GetRequiredService<TeamsWarRoomChannels>()
                : sp.GetRequiredService<LocalWarRoomChannels>(),
            sp.GetService<ISlackWarRooms>()));
        return services;
    }
}
