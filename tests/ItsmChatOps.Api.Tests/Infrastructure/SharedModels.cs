using System.Collections.Concurrent;
using ItsmChatOps.Api.Knowledge.Search;
using Microsoft.Extensions.AI;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>
/// The sentence model, loaded once per test run and shared by every API host: loading it and embedding
/// the sample knowledge base again for each test class would make the suite slow. Embeddings are
/// remembered by text, so each text is embedded once.
/// </summary>
public static class SharedModels
{
    public static IEmbeddingGenerator<string, Embedding<float>> Embeddings { get; } = new RememberingEmbeddings(new MiniLmEmbeddingGenerator());

    private sealed class RememberingEmbeddings(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        private readonly ConcurrentDictionary<string, Embedding<float>> _known = new(StringComparer.Ordinal);

        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            var missing = texts.Where(t => !_known.ContainsKey(t)).Distinct().ToList();
            if (missing.Count > 0)
            {
                var generated = await base.GenerateAsync(missing, options, cancellationToken);
                for (var i = 0; i < missing.Count; i++)
                {
                    _known[missing[i]] = generated[i];
                }
            }

            return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => _known[t]));
        }
    }
}
