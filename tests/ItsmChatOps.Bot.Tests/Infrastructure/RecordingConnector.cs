using System.Collections.Concurrent;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>A channel connector that keeps what the application sends, for tests of the application alone.</summary>
public sealed class RecordingConnector : IChannelConnector
{
    private readonly ConcurrentQueue<(string Operation, string? ActivityId, Activity? Activity)> calls = new();
    private int next;

    public IReadOnlyList<(string Operation, string? ActivityId, Activity? Activity)> Calls => [.. calls];

    public bool CanDeliver(ConversationReference reference) => true;

    public Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken) =>
        Record("send", null, activity);

    public Task<ResourceResponse> ReplyAsync(ConversationReference reference, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        Record("reply", replyToId, activity);

    public Task<ResourceResponse> UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken cancellationToken) =>
        Record("update", activityId, activity);

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) =>
        Record("delete", activityId, null);

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        calls.Enqueue(("create", null, parameters.Activity));
        return Task.FromResult(new ConversationResourceResponse("new-conversation", null, serviceUrl));
    }

    private Task<ResourceResponse> Record(string operation, string? activityId, Activity? activity)
    {
        calls.Enqueue((operation, activityId, activity));
        return Task.FromResult(new ResourceResponse(activityId ?? $"sent-{Interlocked.Increment(ref next)}"));
    }
}
