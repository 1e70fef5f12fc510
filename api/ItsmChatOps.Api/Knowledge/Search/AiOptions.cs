using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Knowledge.Search;

public enum ChatProvider
{
    /// <summary>No model: answers are extractive.</summary>
    None,

    /// <summary>Azure OpenAI, keyless: DefaultAzureCredential (managed identity in Azure, your sign-in locally).</summary>
    AzureOpenAI,

    /// <summary>Any OpenAI-compatible endpoint (OpenAI, or a local server such as Ollama or llama.cpp).</summary>
    OpenAI,
}

public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2 in process, no cloud.</summary>
    MiniLM,
    AzureOpenAI,
    OpenAI,
}

/// <summary>Models for answers and search (<c>Itsm:Ai</c>); with the defaults nothing leaves the process.</summary>
public sealed class AiOptions : IValidatableObject
{
    public const string Section = "Itsm:Ai";

    public ModelOptions<ChatProvider> Chat { get; set; } = new() { Provider = ChatProvider.None };

    public ModelOptions<EmbeddingProvider> Embeddings { get; set; } = new() { Provider = EmbeddingProvider.MiniLM };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Chat.Check("Chat", Chat.Provider == ChatProvider.AzureOpenAI, Chat.Provider == ChatProvider.OpenAI)
            .Concat(Embeddings.Check("Embeddings", Embeddings.Provider == EmbeddingProvider.AzureOpenAI, Embeddings.Provider == EmbeddingProvider.OpenAI));
}

public sealed class ModelOptions<TProvider> where TProvider : struct, Enum
{
    public TProvider Provider { get; set; }

    /// <summary>Azure OpenAI: the resource endpoint; OpenAI-compatible: the base URL (omit for api.openai.com).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Azure OpenAI: the deployment name; OpenAI-compatible: the model id.</summary>
    public string? Model { get; set; }

    /// <summary>OpenAI-compatible endpoints only; Azure OpenAI is always keyless.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Embeddings: the vector size to ask for, where the model supports it.</summary>
    public int? Dimensions { get; set; }

    internal IEnumerable<ValidationResult> Check(string name, bool azure, bool openAi)
    {
        if ((azure || openAi) && string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult($"Itsm:Ai:{name}:Model is required for {Provider}.", [$"{name}.Model"]);
        }

        if (azure && Endpoint is null)
        {
            yield return new ValidationResult($"Itsm:Ai:{name}:Endpoint is required for Azure OpenAI.", [$"{name}.Endpoint"]);
        }

        if (azure && !string.IsNullOrEmpty(ApiKey))
        {
            yield return new ValidationResult($"Azure OpenAI is used keylessly (Entra ID); remove Itsm:Ai:{name}:ApiKey.", [$"{name}.ApiKey"]);
        }
    }
}
