using System.Text.Json;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>A Teams user of the test tenant: their chat id (29:…), Entra object id and the seeded person it maps to.</summary>
public sealed record TeamsUser(string PersonId, string Name, string ObjectId)
{
    public string ChatId => $"29:{PersonId}";

    /// <summary>Their 1:1 chat with the bot.</summary>
    public string PersonalConversationId => $"a:personal-{PersonId}";
}

/// <summary>The people of the flow tests (seed data, linked to Teams identities) and one nobody linked.</summary>
public static class TeamsUsers
{
    public static readonly TeamsUser Dave = new("dave", "Dave User", "0d0a0e00-0000-4000-8000-00000000da7e");
    public static readonly TeamsUser Ellen = new("ellen", "Ellen User", "0e11e000-0000-4000-8000-0000000e11e0");
    public static readonly TeamsUser Alice = new("alice", "Alice Agent", "0a11ce00-0000-4000-8000-0000000a11ce");
    public static readonly TeamsUser Heidi = new("heidi", "Heidi Lead", "0be1d100-0000-4000-8000-0000000be1d1");
    public static readonly TeamsUser Bob = new("bob", "Bob Resolver", "0b0b0000-0000-4000-8000-000000000b0b");
    public static readonly TeamsUser Carol = new("carol", "Carol Manager", "0ca40100-0000-4000-8000-0000000ca401");
    public static readonly TeamsUser Charlie = new("charlie", "Charlie Change", "0c4a0000-0000-4000-8000-0000000c4a41");
    public static readonly TeamsUser Nina = new("nina", "Nina Network", "0a1a0000-0000-4000-8000-00000000a1a0");
    public static readonly TeamsUser Paula = new("paula", "Paula Problem", "0ba01a00-0000-4000-8000-0000000ba01a");
    public static readonly TeamsUser Stranger = new("stranger", "Sam Stranger", "05a40000-0000-4000-8000-0000000005a4");

    public static IReadOnlyList<TeamsUser> Linked { get; } = [Dave, Ellen, Alice, Heidi, Bob, Carol, Charlie, Nina, Paula];

    public const string ChannelConversationId = "19:general@thread.tacv2;messageid=1700000000000";

    /// <summary>A message from <paramref name="user"/> in their 1:1 chat, or in a team channel.</summary>
    public static Activity Message(TeamsUser user, string text, bool inChannel = false) => TestActivities.With(TestActivities.Message(text, NextId()), a =>
    {
        a.From = new ChannelAccount { Id = user.ChatId, Name = user.Name, AadObjectId = user.ObjectId };
        a.Conversation = inChannel
            ? new ConversationAccount { Id = ChannelConversationId, ConversationType = "channel", IsGroup = true, TenantId = TestActivities.TenantId }
            : new ConversationAccount { Id = user.PersonalConversationId, ConversationType = "personal", TenantId = TestActivities.TenantId };
        if (inChannel)
        {
            a.ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = TestActivities.TenantId }, Channel = new ChannelInfo { Id = "19:general@thread.tacv2" } };
        }
    });

    /// <summary>Action.Execute on card <paramref name="cardActivityId"/>: an invoke answered in the response.</summary>
    public static Activity Execute(TeamsUser user, string verb, object data, string cardActivityId, bool inChannel = false) =>
        TestActivities.With(Message(user, string.Empty, inChannel), a =>
        {
            a.Type = ActivityTypes.Invoke;
            a.Name = "adaptiveCard/action";
            a.Text = null;
            a.ReplyToId = cardActivityId;
            a.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", id = "button", verb, data = WithVerb(verb, data) }, trigger = "manual" });
        });

    /// <summary>Action.Submit on card <paramref name="cardActivityId"/>: a message whose value is the data and the inputs.</summary>
    public static Activity Submit(TeamsUser user, string verb, object data, string cardActivityId, bool inChannel = false) =>
        TestActivities.With(Message(user, string.Empty, inChannel), a =>
        {
            a.Text = null;
            a.ReplyToId = cardActivityId;
            a.Value = JsonSerializer.SerializeToElement(WithVerb(verb, data));
        });

    private static Dictionary<string, object?> WithVerb(string verb, object data)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(data))!;
        values["verb"] = verb;
        return values;
    }

    private static int sequence;

    private static string NextId() => $"17000{Interlocked.Increment(ref sequence):D8}";
}
