using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// Who is speaking, as vouched for by the channel: a Teams user is known by the Entra object id
/// (<see cref="AadObjectId"/>), a local-chat user by the id bound in their Direct Line token.
/// </summary>
public sealed record CallerIdentity(string ChannelId, string UserId, string? AadObjectId, string? Name, string? TenantId)
{
    public static CallerIdentity From(Activity activity) => new(
        activity.ChannelId ?? string.Empty,
        activity.From?.Id ?? string.Empty,
        activity.From?.AadObjectId,
        activity.From?.Name,
        activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id);
}
