using System.Text;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.WarRooms;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// Slack war rooms (MAJ-05): a public channel per major incident (conversations.create; a taken name gets a numbered
/// suffix), the manager and responders invited by the Slack user ids linked to their person records, and the headline
/// posted and pinned, and the channel archived after closure. The headline is later replaced with chat.update and updates are posted into the channel through
/// the Slack connector. A scope the app lacks or a name Slack refuses is told to the declarer in plain words.
/// </summary>
public sealed class SlackWarRooms(SlackWebApi slack, SlackConnector connector, ItsmApiClient api, IOptions<SlackOptions> slackOptions,
    IOptions<WarRoomOptions> options, ILogger<SlackWarRooms> logger) : ISlackWarRooms
{
    public const int MaxNameLength = 80;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(slackOptions.Value.BotToken);

    public async Task<OpenedWarRoom> OpenAsync(WarRoomRequest request, Activity headline, CancellationToken cancellationToken)
    {
        var people = request.InviteeIds.Count == 0 ? [] : await api.DirectoryAsync(request.InviteeIds, cancellationToken: cancellationToken);
        var slackIds = people.ToDictionary(p => p.Id, p => p.ChatIdentities.FirstOrDefault(c => c.Platform == ChatPlatform.Slack));
        var workspace = request.InviteeIds.Select(id => slackIds.GetValueOrDefault(id)?.TenantId).FirstOrDefault(t => t is not null) ?? string.Empty;
        var channel = await CreateAsync(ChannelName(request.ChannelName), cancellationToken);

        var notices = new List<string>();
        var invite = request.InviteeIds.Select(id => slackIds.GetValueOrDefault(id)?.UserId).OfType<string>().Distinct().ToList();
        var unlinked = people.Where(p => slackIds[p.Id] is null).Select(p => p.DisplayName).ToList();
        if (unlinked.Count > 0)
        {
            notices.Add($"Not invited, no Slack account linked: {string.Join(", ", unlinked)}.");
        }

        if (invite.Count > 0)
        {
            try
            {
                await slack.InviteAsync(channel, invite, cancellationToken, force: true);
            }
            catch (SlackApiException refused) when (refused.Error is not "ratelimited")
            {
                logger.LogWarning("Inviting to war room {Channel} failed: {Error}", channel, refused.Error);
                notices.Add($"Slack did not invite everyone ({refused.Error}); invite them from the channel.");
            }
        }

        var reference = new ConversationReference
        {
            ChannelId = SlackChannel.ChannelId,
            ServiceUrl = SlackChannel.ServiceUrl,
            Conversation = SlackChannel.Conversation(channel, workspace, isDirect: false),
        };
        var posted = await connector.SendAsync(reference, headline, cancellationToken);
        if (posted.Id is { } ts)
        {
            await PinAsync(channel, ts, notices, cancellationToken);
        }

        var link = $"https://slack.com/app_redirect?channel={Uri.EscapeDataString(channel)}"
            + (workspace.Length > 0 ? $"&team={Uri.EscapeDataString(workspace)}" : string.Empty);
        return new OpenedWarRoom(ChatPlatform.Slack, WarRoomMode.Channel, channel, link, reference, posted.Id, notices.Count == 0 ? null : string.Join(" ", notices));
    }

    /// <summary>Archives the room's channel once the major incident is closed; a scope the app lacks leaves it open and says so.</summary>
    public async Task<WarRoomArchive> ArchiveAsync(WarRoomView room, CancellationToken cancellationToken)
    {
        try
        {
            await slack.ArchiveConversationAsync(room.ChannelId, cancellationToken);
            return new WarRoomArchive(true, null);
        }
        catch (SlackApiException refused) when (refused.Error is "missing_scope" or "restricted_action" or "not_in_channel" or "cant_archive_general")
        {
            logger.LogWarning("The war room channel {Channel} is left open: {Error}", room.ChannelId, refused.Error);
            return new WarRoomArchive(false, refused.Error == "missing_scope"
                ? $"The Slack app may not archive this channel (it needs the {refused.Needed ?? "channels:manage"} scope). Archive it in Slack."
                : $"Slack did not archive this channel ({refused.Error}). Archive it in Slack.");
        }
    }

    /// <summary>A Slack channel name from the API's: lowercase letters, digits, '-' and '_', at most 80 characters.</summary>
    public static string ChannelName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            var kept = char.IsAsciiLetterOrDigit(c) || c is '_' ? c : '-';
            if (kept != '-' || (builder.Length > 0 && builder[^1] != '-'))
            {
                builder.Append(kept);
            }
        }

        var cleaned = builder.ToString().Trim('-');
        return cleaned.Length <= MaxNameLength ? cleaned : cleaned[..MaxNameLength].TrimEnd('-');
    }

    private async Task<string> CreateAsync(string name, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= options.Value.MaxNameAttempts + 1; attempt++)
        {
            var tried = attempt == 1 ? name : Suffixed(name, attempt);
            try
            {
                return await slack.CreateConversationAsync(tried, isPrivate: false, cancellationToken);
            }
            catch (SlackApiException taken) when (taken.Error == "name_taken")
            {
                logger.LogInformation("Slack channel name {Name} is taken; trying another", tried);
            }
            catch (SlackApiException refused) when (Refusal(refused, tried) is { } words)
            {
                throw new WarRoomUnavailableException(words, refused);
            }
        }

        throw new WarRoomUnavailableException($"every channel name tried for #{name} is taken in Slack. Archive or rename the old channels, or link one yourself.");
    }

    private async Task PinAsync(string channel, string ts, List<string> notices, CancellationToken cancellationToken)
    {
        try
        {
            await slack.PinAsync(channel, ts, cancellationToken);
        }
        catch (SlackApiException refused) when (refused.Error is "missing_scope" or "not_pinnable" or "too_many_pins")
        {
            logger.LogWarning("The headline in {Channel} was not pinned: {Error}", channel, refused.Error);
            notices.Add("The headline could not be pinned (the Slack app needs pins:write).");
        }
    }

    private static string Suffixed(string name, int number)
    {
        var suffix = $"-{number}";
        return (name.Length + suffix.Length <= MaxNameLength ? name : name[..(MaxNameLength - suffix.Length)].TrimEnd('-')) + suffix;
    }

    /// <summary>Slack's refusals that trying again will not change, in words for the person who declared.</summary>
    private static string? Refusal(SlackApiException refused, string name) => refused.Error switch
    {
        "missing_scope" => $"the Slack app may not create channels: it needs the {refused.Needed ?? "channels:manage"} scope. Ask a Slack admin to reinstall the app from its manifest.",
        "invalid_name" or "invalid_name_specials" or "invalid_name_punctuation" or "invalid_name_maxlength" or "invalid_name_required"
            => $"Slack refused the channel name #{name} ({refused.Error}). Change the major-incident channel name format, or link an existing channel.",
        "restricted_action" => "this Slack workspace only lets admins create channels. Ask an admin to create one and link it.",
        "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked" => "the Slack app's token is not accepted. Ask an admin to check Slack:BotToken.",
        _ => null,
    };
}
