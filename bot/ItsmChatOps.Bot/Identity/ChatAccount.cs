using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.DirectLine;

namespace ItsmChatOps.Bot.Identity;

/// <summary>
/// A chat identity the channel vouches for, in the API's terms: Teams users by tenant and Entra object id
/// (<c>Teams|tenant|aadObjectId</c>), local Web Chat users by the id bound in their Direct Line token
/// (<c>WebChat|local|user</c>), Slack users by workspace and user id (<c>Slack|T…|U…</c>), from the signed requests of the Slack endpoints. Anything else (a display name, another channel) identifies nobody.
/// </summary>
public sealed record ChatAccount(ChatPlatform Platform, string TenantId, string UserId, Channel Channel)
{
    public const string TeamsChannelId = "msteams";
    public const string LocalTenant = "local";

    /// <summary>Calls made with this act as the identity, so the API checks the mapping on every one (SEC-02).</summary>
    public ActingUser Acting => ActingUser.Identity(Platform, TenantId, UserId, Channel);

    public string Key => $"{Platform}|{TenantId}|{UserId}";

    public static ChatAccount? From(TurnContext turn)
    {
        var caller = turn.Caller;
        if (caller.ChannelId == TeamsChannelId && caller.TenantId is { Length: > 0 } tenant && caller.AadObjectId is { Length: > 0 } objectId)
        {
            return new ChatAccount(ChatPlatform.Teams, tenant, objectId, Channel.Teams);
        }

        if (caller.ChannelId == Slack.SlackChannel.ChannelId && turn.Activity.ServiceUrl == Slack.SlackChannel.ServiceUrl
            && caller.TenantId is { Length: > 0 } team && caller.UserId.Length > 0)
        {
            return new ChatAccount(ChatPlatform.Slack, team, caller.UserId, Channel.Slack);
        }

        if (caller.ChannelId == LocalChannel.ChannelId && turn.Activity.ServiceUrl == LocalChannel.ServiceUrl && caller.UserId.Length > 0)
        {
            return new ChatAccount(ChatPlatform.WebChat, LocalTenant, caller.UserId, Channel.WebChat);
        }

        return null;
    }
}

/// <summary>A person known to the service desk, talking to the bot through <see cref="Account"/>.</summary>
public sealed record ChatUser(string PersonId, string DisplayName, ChatAccount Account, string ChatUserId)
{
    public ItsmApiSession Session(ItsmApiClient api) => api.For(Account.Acting);

    public string FirstName => DisplayName.Split(' ', 2)[0];
}
