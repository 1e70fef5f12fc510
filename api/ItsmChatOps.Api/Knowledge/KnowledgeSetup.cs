using Azure.Identity;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Knowledge.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenAI;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>Registers the knowledge base: items, search with its index and models, answers, and the sample KB.</summary>
public static class KnowledgeSetup
{
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton<KnowledgeService>();
        services.AddSingleton<KnowledgeLogs>();
        services.AddSingleton<KnowledgeSeeder>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeSeeder>());
        services.AddSingleton<EmbeddingStore>();
        services.AddSingleton<KnowledgeIndex>();
        services.AddSingleton<KnowledgeIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeIndexer>());
        services.AddSingleton<KnowledgeAnswers>();
        services.AddSingleton<IEventReaction, SuggestedFixesOnIncident>();
        services.AddSingleton(sp => new GroundedAnswerer(sp.GetService<IChatCompletionService>(), sp.GetRequiredService<ILogger<GroundedAnswerer>>()));
        services.AddSingleton(new EventSource(KnowledgeItem.Type));
        KnowledgeStore.DeclareIndexes(services);
        KnowledgeLogs.DeclareIndexes(services);
        AddModels(builder);
        return builder;
    }

    /// <summary>
    /// Embeddings: MiniLM in process unless Itsm:Ai:Embeddings names a cloud model. Chat: none unless
    /// Itsm:Ai:Chat names Azure OpenAI (keyless, DefaultAzureCredential) or an OpenAI-compatible endpoint.
    /// A registration made before this (a test's shared model) wins.
    /// </summary>
    private static void AddModels(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var ai = builder.Configuration.GetSection(AiOptions.Section).Get<AiOptions>() ?? new AiOptions();
        var embeddings = ai.Embeddings;
#pragma warning disable SKEXP0010 // the registrations are marked experimental; the IEmbeddingGenerator they add is the stable abstraction
        switch (embeddings.Provider)
        {
            case EmbeddingProvider.AzureOpenAI when embeddings is { Endpoint: { } endpoint, Model: { } deployment }:
                services.AddAzureOpenAIEmbeddingGenerator(deployment, endpoint.ToString(), new DefaultAzureCredential(), dimensions: embeddings.Dimensions);
                break;
            case EmbeddingProvider.OpenAI when embeddings.Model is { } model:
                services.AddOpenAIEmbeddingGenerator(model, OpenAiClient(embeddings), embeddings.Dimensions);
                break;
            default:
                services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new MiniLmEmbeddingGenerator());
                break;
        }
#pragma warning restore SKEXP0010

        var chat = ai.Chat;
        switch (chat.Provider)
        {
            case ChatProvider.AzureOpenAI when chat is { Endpoint: { } endpoint, Model: { } deployment }:
                services.AddAzureOpenAIChatCompletion(deployment, endpoint.ToString(), new DefaultAzureCredential());
                break;
            case ChatProvider.OpenAI when chat.Model is { } model:
                services.AddOpenAIChatCompletion(model, OpenAiClient(chat));
                break;
        }
    }

    private static OpenAIClient OpenAiClient<T>(ModelOptions<T> options) where T : struct, Enum =>
        new(new System.ClientModel.ApiKeyCredential(options.ApiKey ?? "none"), new OpenAIClientOptions { Endpoint = options.Endpoint });
}
