using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;

namespace ItsmChatOps.Bot.Identity;

/// <summary>
/// Who "handover …" names (MAJ-03). In Teams, an @mention: the entity, not the text, says who (protocol facts §3); its "29:"
/// id becomes the person's Entra object id through the mention itself or the Connector's member lookup, and then the
/// person the API links to that identity. Otherwise the typed ITSM id, email or full name.
/// </summary>
public sealed class HandoverTargets(ItsmApiClient api, ChannelConnectors connectors, ILogger<HandoverTargets> logger)
{
    /// <summary>The person's ITSM id, or null when nobody matches.</summary>
    public async Task<string?> FindAsync(TurnContext turn, ChatUser user, string typed, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var mention = activity.Entities?.FirstOrDefault(e => e.Type == Entity.MentionType && e.Mentioned is { } m
            && !string.Equals(m.Id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase))?.Mentioned;
        if (mention is not null && activity.ChannelId == ChatAccount.TeamsChannelId && turn.Caller.TenantId is { Length: > 0 } tenant)
        {
            var objectId = mention.AadObjectId ?? (await MemberAsync(activity, mention.Id, cancellationToken))?.AadObjectId;
            return objectId is null ? null : (await api.ResolvePersonAsync(ChatPlatform.Teams, tenant, objectId, cancellationToken))?.Id;
        }

        var text = typed.Trim();
        if (!text.Contains('@', StringComparison.Ordinal) && !text.Contains(' ', StringComparison.Ordinal))
        {
            return text.Length == 0 ? null : text;
        }

        var people = (await user.Session(api).FindPeopleAsync(text, cancellationToken)).Items;
        return people.FirstOrDefault(p => string.Equals(p.Email, text, StringComparison.OrdinalIgnoreCase)
            || string.Equals(p.DisplayName, text, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    private async Task<ChannelAccount?> MemberAsync(Activity activity, string memberId, CancellationToken cancellationToken)
    {
        var reference = activity.GetConversationReference();
        try
        {
            return await connectors.For(reference).GetMemberAsync(reference, memberId, cancellationToken);
        }
        catch (ConnectorException failed)
        {
            logger.LogWarning(failed, "The member {MemberId} of {ConversationId} could not be read", memberId, activity.Conversation?.Id);
            return null;
        }
    }
}
