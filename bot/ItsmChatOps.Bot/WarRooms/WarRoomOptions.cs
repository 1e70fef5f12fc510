using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>Where Teams war rooms go.</summary>
public enum TeamsWarRoomMode
{
    /// <summary>A standard channel per major incident in <see cref="WarRoomOptions.TeamId"/>, created with Microsoft Graph.</summary>
    Channel,

    /// <summary>A thread per major incident in the fixed <see cref="WarRoomOptions.OperationsChannelId"/>.</summary>
    Thread,
}

/// <summary>War rooms for major incidents (MAJ-05). Without <see cref="TeamId"/> the local Direct Line war room is used.</summary>
public sealed class WarRoomOptions
{
    public const string Section = "WarRooms";

    public TeamsWarRoomMode Mode { get; set; } = TeamsWarRoomMode.Channel;

    /// <summary>The Teams team (Microsoft 365 group id) where war-room channels are created; the bot is installed there.</summary>
    public string? TeamId { get; set; }

    /// <summary>The operations channel (<c>19:…@thread.tacv2</c>) for thread mode, and the fallback when a channel cannot be created.</summary>
    public string? OperationsChannelId { get; set; }

    /// <summary>The customer's Entra tenant (the team's tenant).</summary>
    public string? TenantId { get; set; }

    /// <summary>The Connector service URL of the team's region.</summary>
    [Url]
    public string ServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    [Required, Url]
    public string GraphBaseUrl { get; set; } = "https://graph.microsoft.com/v1.0/";

    [Required]
    public string GraphScope { get; set; } = "https://graph.microsoft.com/.default";

    /// <summary>How often a throttled Graph call is tried again, and the longest Retry-After honoured.</summary>
    [Range(0, 10)]
    public int MaxGraphRetries { get; set; } = 3;

    [Range(1, 300)]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>How many suffixed names (<c>-2</c>, <c>-3</c>…) are tried when a channel name is taken.</summary>
    [Range(0, 20)]
    public int MaxNameAttempts { get; set; } = 5;

    public bool UsesTeams => !string.IsNullOrWhiteSpace(TeamId) || !string.IsNullOrWhiteSpace(OperationsChannelId);
}
