using ItsmChatOps.Bot.DirectLine;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>Registers the war-room channels: Teams (Graph + Connector) when a team or operations channel is configured, the local room otherwise.</summary>
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
        services.AddSingleton<IWarRoomChannels>(sp => sp.GetRequiredService<IOptions<WarRoomOptions>>().Value.UsesTeams || sp.GetService<DirectLineConversations>() is null
            ? sp.GetRequiredService<TeamsWarRoomChannels>()
            : sp.GetRequiredService<LocalWarRoomChannels>());
        return services;
    }
}
