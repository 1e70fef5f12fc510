using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Notifications;
using ItsmChatOps.Bot.State;
using ItsmChatOps.Bot.WarRooms;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// The war room of a major incident (MAJ-05): opened once whichever bot instance sees the declaration first,
/// recorded on the major incident in the manager's name, its headline card replaced in place as things move,
/// and messages posted into it. The room's conversation and headline live in the API's bot state.
/// </summary>
public sealed class WarRoomFlow(ItsmApiClient api, IWarRoomChannels rooms, ProactiveSender sender, ReplyRenderer replies, CardMemory memory,
    TimeProvider time, ILogger<WarRoomFlow> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    /// <summary>Opens the room, in the manager's name, unless it exists or another instance is opening it; returns the major incident as it stands after.</summary>
    public async Task<MajorIncidentResponse> EnsureOpenAsync(string majorIncidentId, string managerId, CancellationToken cancellationToken)
    {
        var manager = api.For(ActingUser.Person(managerId, Channel.System));
        var major = await manager.GetMajorIncidentAsync(majorIncidentId, cancellationToken);
        if (major.WarRoom is not null || major.ManagerId is null || major.State is not (MajorIncidentState.Declared or MajorIncidentState.Restored)
            || !await memory.TryClaimAsync(BotStateKeys.WarRoomOpening(major.Id), time.GetUtcNow(), cancellationToken))
        {
            return major;
        }

        try
        {
            var headline = replies.ToActivity(Reply.Show(new MajorIncidentHeadlineCard(await ViewAsync(major, cancellationToken), null)));
            var request = await RequestAsync(manager, major, cancellationToken);
            var opened = await rooms.OpenAsync(request, headline, cancellationToken);
            var conversation = new StoredConversation(opened.Conversation.ChannelId, opened.Conversation.ServiceUrl, opened.Conversation.Conversation.Id,
                opened.Conversation.Conversation.Id, opened.Conversation.Conversation.Name, opened.Conversation.Bot?.Id, opened.Conversation.Bot?.Name,
                opened.Conversation.Conversation.TenantId);
            await api.PutStateAsync(BotStateKeys.WarRoom(opened.Conversation.Conversation.Id), new JsonObject { ["majorIncidentId"] = major.Id },
                timeToLive: Lifetime, cancellationToken: cancellationToken);
            if (opened.HeadlineActivityId is { } headlineId)
            {
                await memory.RememberAsync(BotStateKeys.WarRoomHeadline(major.Id), new SentCard(conversation, headlineId), cancellationToken);
            }

            var recorded = await manager.RecordWarRoomAsync(major.Id, new RecordWarRoomRequest
            {
                Platform = opened.Platform, Mode = opened.Mode, ChannelId = opened.ChannelId, Link = opened.Link, Notice = opened.Notice,
            }, cancellationToken);
            await RefreshHeadlineAsync(recorded, cancellationToken);
            return recorded;
        }
        catch (Exception failure) when (failure is not WarRoomUnavailableException)
        {
            // A refusal that will not pass keeps the claim: the declarer is told, and no other pass tries again.
            await memory.ReleaseAsync(BotStateKeys.WarRoomOpening(major.Id), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// After the review closed the major incident (MAJ-05): a final message in the room, the platform's archive, and the
    /// API told, once whichever instance sees it first. A room the platform would not archive stays open, and says why.
    /// </summary>
    public async Task ArchiveAsync(string majorIncidentId, string actorId, CancellationToken cancellationToken)
    {
        var major = await api.For(ActingUser.Person(actorId, Channel.System)).GetMajorIncidentAsync(majorIncidentId, cancellationToken);
        if (major is not { State: MajorIncidentState.Closed, WarRoom: { ArchivedAt: null } room }
            || !await memory.TryClaimAsync(BotStateKeys.WarRoomArchiving(major.Id), time.GetUtcNow(), cancellationToken))
        {
            return;
        }

        try
        {
            await PostAsync(major.Id, Reply.Say($"Major incident {major.Id} is closed and its review approved. This war room is archived: it stays readable, and nothing more happens here."),
                cancellationToken);
            var archive = await rooms.ArchiveAsync(room, cancellationToken);
            if (!archive.Archived)
            {
                await PostAsync(major.Id, Reply.Say(archive.Notice ?? "The war room could not be archived."), cancellationToken);
                return;
            }

            await RefreshHeadlineAsync(await api.RecordWarRoomArchivedAsync(major.Id, room.ChannelId, cancellationToken), cancellationToken);
        }
        catch
        {
            await memory.ReleaseAsync(BotStateKeys.WarRoomArchiving(major.Id), CancellationToken.None);
            throw;
        }
    }

    /// <summary>The major incident a conversation is the war room of, or null.</summary>
    public async Task<string?> MajorIncidentOfAsync(string? conversationId, CancellationToken cancellationToken) =>
        conversationId is { Length: > 0 } && await api.GetStateAsync(BotStateKeys.WarRoom(conversationId), cancellationToken) is { } entry
            ? entry.Value["majorIncidentId"]?.GetValue<string>()
            : null;

    /// <summary>Replaces the headline card with the major incident as it stands now.</summary>
    public async Task RefreshHeadlineAsync(MajorIncidentResponse major, CancellationToken cancellationToken)
    {
        if (await memory.FindAsync(BotStateKeys.WarRoomHeadline(major.Id), cancellationToken) is not { } headline)
        {
            return;
        }

        var notice = major.WarRoom?.Notice;
        if (!await sender.UpdateAsync(headline, Reply.Show(new MajorIncidentHeadlineCard(await ViewAsync(major, cancellationToken), notice)), cancellationToken))
        {
            logger.LogInformation("The headline of {MajorIncidentId} is gone; it is not replaced", major.Id);
        }
    }

    /// <summary>Posts into the war room; false when the major incident has no room the bot knows.</summary>
    public async Task<bool> PostAsync(string majorIncidentId, Reply reply, CancellationToken cancellationToken)
    {
        if (await memory.FindAsync(BotStateKeys.WarRoomHeadline(majorIncidentId), cancellationToken) is not { } headline)
        {
            return false;
        }

        var id = await sender.SendToAsync(headline.Conversation, reply, cancellationToken);
        if (reply is Reply.Text text)
        {
            await RememberMessageAsync(headline.Conversation.ConversationId ?? string.Empty, id, text.Value, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Keeps the text of a message in the room so a reaction on it can put the text itself on the timeline. A bot reads
    /// only what it is sent (in Teams channels: messages that mention it) and what it posts; other messages are named by id.
    /// </summary>
    public Task RememberMessageAsync(string conversationId, string? activityId, string text, CancellationToken cancellationToken) =>
        activityId is { Length: > 0 } && !string.IsNullOrWhiteSpace(text)
            ? api.PutStateAsync(BotStateKeys.RoomMessage(conversationId, activityId), new JsonObject { ["text"] = text.Length <= 2000 ? text : text[..2000] },
                timeToLive: Lifetime, cancellationToken: cancellationToken)
            : Task.CompletedTask;

    public async Task<string?> MessageTextAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        await api.GetStateAsync(BotStateKeys.RoomMessage(conversationId, activityId), cancellationToken) is { } entry ? entry.Value["text"]?.GetValue<string>() : null;

    /// <summary>How cards show a major incident: names instead of ids, the latest update's status.</summary>
    public async Task<MajorIncidentView> ViewAsync(MajorIncidentResponse major, CancellationToken cancellationToken)
    {
        var ids = new[] { major.ManagerId, major.PendingHandover?.ToId }.OfType<string>().ToList();
        var names = ids.Count == 0 ? [] : (await api.DirectoryAsync(ids, cancellationToken: cancellationToken)).ToDictionary(p => p.Id, p => p.DisplayName);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, id);
        return new MajorIncidentView(major.Id, major.IncidentId, major.Summary, CardWords.State(major.State), major.Priority.ToString(), major.Impact.ToString(),
            Name(major.ManagerId) ?? "Nobody yet", Name(major.PendingHandover?.ToId), major.NextUpdateDue, major.MissedUpdates, major.ChildIncidentIds.Count,
            major.Updates.Count == 0 ? null : major.Updates[^1].Status, major.WarRoom?.Link);
    }

    /// <summary>What the API asked for when the major incident was declared (MAJ-05): the channel name, who to invite, and where it was declared from.</summary>
    private static async Task<WarRoomRequest> RequestAsync(ItsmApiSession session, MajorIncidentResponse major, CancellationToken cancellationToken)
    {
        var timeline = await session.MajorIncidentTimelineAsync(major.Id, cancellationToken);
        var requested = timeline.LastOrDefault(e => e.Kind == "WarRoomRequested")?.Data;
        var invite = requested?["invite"] is JsonArray listed ? listed.Select(p => p?.GetValue<string>()).OfType<string>() : [];
        return new WarRoomRequest(major.Id, major.IncidentId, requested?["channelName"]?.GetValue<string>() ?? $"mi-{major.IncidentId}",
            $"Major incident {major.Id}: {major.Summary}")
        {
            InviteeIds = [.. new[] { major.ManagerId }.OfType<string>().Concat(invite).Distinct()],
            DeclaredVia = timeline.LastOrDefault(e => e.Kind == "MajorIncidentDeclared")?.Channel ?? Channel.System,
        };
    }
}
