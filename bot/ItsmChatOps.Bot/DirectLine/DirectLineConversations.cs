using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.DirectLine;

/// <summary>
/// Conversations of the local Direct Line channel, kept in memory: this channel exists only in
/// Development, for one developer's browser tabs. Production conversations live in Teams.
/// </summary>
internal sealed class DirectLineConversations(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> conversations = new(StringComparer.Ordinal);

    public static string NewConversationId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public IReadOnlyCollection<DirectLineConversation> All => [.. conversations.Values];

    public DirectLineConversation? Find(string conversationId) => conversations.GetValueOrDefault(conversationId);

    /// <summary>Opens conversation <paramref name="conversationId"/> for <paramref name="user"/>; <paramref name="created"/> tells whether it is new.</summary>
    public DirectLineConversation Open(string conversationId, ChannelAccount user, out bool created)
    {
        var fresh = new DirectLineConversation(conversationId, user, time);
        var conversation = conversations.GetOrAdd(conversationId, fresh);
        created = ReferenceEquals(conversation, fresh);
        return conversation;
    }

    /// <summary>Opens a shared room (a local war room) that people join from a link; the bot posts into it.</summary>
    public DirectLineConversation OpenRoom(string conversationId, ChannelAccount room) =>
        conversations.GetOrAdd(conversationId, id => new DirectLineConversation(id, room, time, isRoom: true));

    /// <summary>The user's most recently opened conversation, where proactive messages to them appear (never a shared room).</summary>
    public DirectLineConversation? LatestFor(string userId) =>
        conversations.Values.Where(c => c.User.Id == userId && !c.IsRoom).MaxBy(c => c.OpenedAt);
}

/// <summary>
/// One conversation's ordered activity feed. The watermark is a position in the feed: a client asks for
/// everything after the last watermark it saw. An update appends the new version under the same id
/// (Web Chat replaces the activity it shows); a delete hides the activity from later reads.
/// </summary>
internal sealed class DirectLineConversation(string id, ChannelAccount user, TimeProvider time, bool isRoom = false)
{
    private readonly Lock gate = new();
    private readonly List<Activity?> feed = [];
    private int sequence;

    public string Id { get; } = id;

    public ChannelAccount User { get; } = user;

    /// <summary>A shared room several people joined (a war room), addressed as a channel; otherwise one person's chat.</summary>
    public bool IsRoom { get; } = isRoom;

    public ConversationAccount Account => new() { Id = Id, ConversationType = IsRoom ? "channel" : "personal", IsGroup = IsRoom, Name = IsRoom ? User.Name : null };

    public DateTimeOffset OpenedAt { get; } = time.GetUtcNow();

    /// <summary>Stores a copy of <paramref name="activity"/> with a new id and timestamp; returns the copy.</summary>
    public Activity Append(Activity activity)
    {
        lock (gate)
        {
            var stored = Copy(activity);
            stored.Id = $"{Id}|{++sequence:D7}";
            stored.Timestamp = time.GetUtcNow();
            feed.Add(stored);
            return Copy(stored);
        }
    }

    public bool Replace(string activityId, Activity replacement)
    {
        lock (gate)
        {
            var index = feed.FindIndex(a => a?.Id == activityId);
            if (index < 0)
            {
                return false;
            }

            var stored = Copy(replacement);
            stored.Id = activityId;
            stored.Timestamp = feed[index]!.Timestamp;
            feed[index] = null;
            feed.Add(stored);
            return true;
        }
    }

    public bool Remove(string activityId)
    {
        lock (gate)
        {
            var index = feed.FindIndex(a => a?.Id == activityId);
            if (index >= 0)
            {
                feed[index] = null;
            }

            return index >= 0;
        }
    }

    /// <summary>
    /// The newest card the bot sent with a button whose data is all in <paramref name="submitted"/>: the card an
    /// Action.Submit came from. Web Chat does not say which card was clicked (no replyToId), Teams does.
    /// </summary>
    public string? CardWithButtonFor(JsonElement submitted)
    {
        lock (gate)
        {
            return feed.OfType<Activity>()
                .LastOrDefault(a => a.From?.Id != User.Id && a.Attachments?.Any(c => c.Content is { } card && SubmitData(card).Any(d => IsWithin(d, submitted))) == true)
                ?.Id;
        }
    }

    private static IEnumerable<JsonElement> SubmitData(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().SelectMany(p => p.Name == "data" && p.Value.ValueKind == JsonValueKind.Object ? [p.Value] : SubmitData(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(SubmitData),
        _ => [],
    };

    private static bool IsWithin(JsonElement data, JsonElement submitted) =>
        data.EnumerateObject().Any()
        && data.EnumerateObject().All(p => submitted.TryGetProperty(p.Name, out var value) && JsonElement.DeepEquals(p.Value, value));

    /// <summary>Activities after <paramref name="watermark"/> and the watermark to ask from next time.</summary>
    public (IReadOnlyList<Activity> Activities, int Watermark) Since(int watermark)
    {
        lock (gate)
        {
            var from = Math.Clamp(watermark, 0, feed.Count);
            return ([.. feed.Skip(from).OfType<Activity>().Select(Copy)], feed.Count);
        }
    }

    // Copies keep what the bot or the client holds independent of the stored feed.
    private static Activity Copy(Activity activity) =>
        JsonSerializer.Deserialize<Activity>(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options), ProtocolJson.Options)!;
}
