using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// A Slack user the API does not know yet is linked through the workspace directory (SEC-02): users.info gives the
/// email Slack verified, and the API links the identity to the person with that email. No email, a deactivated
/// user, a bot, or nobody with that email: no person, so nothing is done on their behalf.
/// </summary>
public sealed class SlackIdentities(SlackWebApi slack, ItsmApiClient api, ILogger<SlackIdentities> logger)
{
    public async Task<PersonResponse?> LinkAsync(ChatAccount account, CancellationToken cancellationToken)
    {
        SlackUser user;
        try
        {
            user = await slack.UserInfoAsync(account.UserId, cancellationToken);
        }
        catch (SlackApiException failed)
        {
            logger.LogWarning("Slack could not say who {UserId} is: {Error}", account.UserId, failed.Error);
            return null;
        }

        if (user.Deleted || user.IsBot || string.IsNullOrWhiteSpace(user.Email))
        {
            logger.LogInformation("Slack user {UserId} has no usable email (deleted {Deleted}, bot {IsBot})", account.UserId, user.Deleted, user.IsBot);
            return null;
        }

        return await api.LinkChatIdentityAsync(new LinkChatIdentityRequest(ChatPlatform.Slack, account.TenantId, account.UserId, user.Email), cancellationToken);
    }
}
