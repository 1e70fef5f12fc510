using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Activities shaped like the ones Teams sends, and a way to post them as the channel would.</summary>
public static class TestActivities
{
    public const string BotId = "28:" + ChannelKeys.AppId;
    public const string UserId = "29:1a2b3c-user";
    public const string UserObjectId = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public const string ConversationId = "a:1qhNLqpUtmuI6U35gzjsJn7uRnCkW8NiZALHfN8AMxdb";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static Activity Message(string text, string id = "1700000000001") => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = "msteams",
        ServiceUrl = ChannelKeys.ServiceUrl,
        Text = text,
        From = new ChannelAccount { Id = UserId, Name = "Alice Example", AadObjectId = UserObjectId },
        Recipient = new ChannelAccount { Id = BotId, Name = "ItsmChatOps" },
        Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal", TenantId = TenantId },
        ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = TenantId } },
        Locale = "en-US",
    };

    public static Activity BotAdded() => With(Message(string.Empty), a =>
    {
        a.Type = ActivityTypes.ConversationUpdate;
        a.Text = null;
        a.MembersAdded = [new ChannelAccount { Id = BotId }];
    });

    public static Activity Execute(string verb, object data, string cardActivityId = "1700000000000") => With(Message(string.Empty), a =>
    {
        a.Type = ActivityTypes.Invoke;
        a.Name = "adaptiveCard/action";
        a.Text = null;
        a.ReplyToId = cardActivityId;
        a.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", id = "btn", verb, data }, trigger = "manual" });
    });

    public static Activity Submit(object value, string cardActivityId = "1700000000000") => With(Message(string.Empty), a =>
    {
        a.Text = null;
        a.ReplyToId = cardActivityId;
        a.Value = JsonSerializer.SerializeToElement(value);
    });

    public static Activity With(Activity activity, Action<Activity> change)
    {
        change(activity);
        return activity;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Activity activity, string? token, string scheme = "Bearer")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, options: ProtocolJson.Options),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }

        return await client.SendAsync(request);
    }
}
