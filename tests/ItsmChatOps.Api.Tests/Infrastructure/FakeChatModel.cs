using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>A chat model at Semantic Kernel's seam: records every conversation it is given and answers with what the test scripts.</summary>
public sealed class FakeChatModel : IChatCompletionService
{
    public ConcurrentQueue<(ChatHistory History, PromptExecutionSettings? Settings)> Calls { get; } = new();

    /// <summary>The reply to a conversation; by default a refusal.</summary>
    public Func<ChatHistory, string> Reply { get; set; } = _ => """{"supported": false, "answer": "", "citations": []}""";

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

    public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((chatHistory, executionSettings));
        IReadOnlyList<ChatMessageContent> reply = [new ChatMessageContent(AuthorRole.Assistant, Reply(chatHistory))];
        return Task.FromResult(reply);
    }

    public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Answers are not streamed.");
}

/// <summary>The API with a chat model configured: the fake one.</summary>
public sealed class ChatModelApiFactory : ApiFactory
{
    public FakeChatModel Chat { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IChatCompletionService>(Chat);
}
