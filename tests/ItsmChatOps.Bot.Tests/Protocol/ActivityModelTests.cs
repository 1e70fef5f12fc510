using System.Text.Json;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Tests.Protocol;

public sealed class ActivityModelTests
{
    private const string TeamsChannelMessage = """
        {
          "type": "message",
          "id": "1700000000001",
          "timestamp": "2026-03-02T09:00:00.123Z",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Alice", "aadObjectId": "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f" },
          "conversation": { "id": "19:c@thread.tacv2;messageid=1", "conversationType": "channel", "tenantId": "t-1", "isGroup": true },
          "recipient": { "id": "28:bot", "name": "ItsmChatOps" },
          "text": "<at>ItsmChatOps</at> help <at>Bob</at>",
          "entities": [
            { "type": "mention", "text": "<at>ItsmChatOps</at>", "mentioned": { "id": "28:bot", "name": "ItsmChatOps" } },
            { "type": "mention", "text": "<at>Bob</at>", "mentioned": { "id": "29:bob", "name": "Bob" } },
            { "type": "clientInfo", "locale": "en-GB", "platform": "Web" }
          ],
          "channelData": {
            "tenant": { "id": "t-1" },
            "team": { "id": "19:team@thread.tacv2", "name": "IT Operations", "aadGroupId": "g-1" },
            "channel": { "id": "19:c@thread.tacv2", "name": "Major incidents" },
            "eventType": "teamMemberAdded",
            "settings": { "selectedChannel": { "id": "19:c@thread.tacv2" } }
          },
          "importance": "high"
        }
        """;

    [Fact]
    public void Deserialize_TeamsChannelMessage_ReadsTeamsFields()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;

        Assert.Equal("6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", activity.From!.AadObjectId);
        Assert.Equal("channel", activity.Conversation!.ConversationType);
        Assert.True(activity.Conversation.IsGroup);
        Assert.Equal("t-1", activity.Conversation.TenantId);
        Assert.Equal("IT Operations", activity.ChannelData!.Team!.Name);
        Assert.Equal("Major incidents", activity.ChannelData.Channel!.Name);
        Assert.Equal("teamMemberAdded", activity.ChannelData.EventType);
        Assert.Equal(3, activity.Entities!.Count);
    }

    [Fact]
    public void RoundTrip_UnknownMembers_Preserved()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;

        var written = JsonSerializer.SerializeToElement(activity, ProtocolJson.Options);

        Assert.Equal("high", written.GetProperty("importance").GetString());
        Assert.Equal("g-1", written.GetProperty("channelData").GetProperty("team").GetProperty("aadGroupId").GetString());
        Assert.Equal("19:c@thread.tacv2", written.GetProperty("channelData").GetProperty("settings").GetProperty("selectedChannel").GetProperty("id").GetString());
        Assert.Equal("Web", written.GetProperty("entities")[2].GetProperty("platform").GetString());
        Assert.False(written.TryGetProperty("replyToId", out _));
    }

    [Fact]
    public void Mentions_BotAndPerson_BotRemovedPersonUnwrapped()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsChannelMessage, ProtocolJson.Options)!;

        Assert.Equal("help Bob", Mentions.TextWithoutBotMention(activity));
    }

    [Fact]
    public void Mentions_EntityWithoutText_RemovesAtName()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "<at>ItsmChatOps</at>  HELP ",
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities = [new Entity { Type = Entity.MentionType, Mentioned = new ChannelAccount { Id = "28:BOT", Name = "ItsmChatOps" } }],
        };

        Assert.Equal("HELP", Mentions.TextWithoutBotMention(activity));
    }

    [Fact]
    public void Mentions_TextLooksLikeMentionWithoutEntity_OnlyUnwrapped()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "<at>ItsmChatOps</at> help", Recipient = new ChannelAccount { Id = "28:bot" } };

        Assert.Equal("ItsmChatOps help", Mentions.TextWithoutBotMention(activity));
    }
}
