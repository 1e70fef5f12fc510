using System.Security.Cryptography;
using System.Text;
using ItsmChatOps.Api.Client.Knowledge;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>What the search index holds of a published item or a resolved incident: enough to filter, rank, quote and cite.</summary>
public sealed record IndexedDocument(
    string Id,
    HitSource Source,
    KnowledgeKind? Kind,
    KnowledgeAudience Audience,
    string Title,
    string Text,
    IReadOnlyList<string> ServiceIds,
    IReadOnlyList<string> CiIds)
{
    /// <summary>
    /// What answers and snippets quote: an item's body and steps, without the title and the symptoms, which
    /// are there to be found by and would only repeat the question back. Null quotes <see cref="Text"/>.
    /// </summary>
    public string? Quotable { get; init; }

    public string QuotedText => Quotable ?? Text;

    /// <summary>The part of the text the sentence model reads; MiniLM was trained on short passages.</summary>
    public string EmbeddingText => Text.Length <= 1200 ? Text : Text[..1200];

    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmbeddingText)))[..32];

    public string Link => Source == HitSource.ResolvedIncident ? $"/api/incidents/{Id}" : $"/api/knowledge/{Id}";

    /// <summary>Same service, one of the same CIs, or about no service in particular.</summary>
    public bool AppliesTo(string? serviceId, IReadOnlyCollection<string> ciIds) =>
        (ServiceIds.Count == 0 && CiIds.Count == 0)
        || (serviceId is not null && ServiceIds.Contains(serviceId))
        || CiIds.Any(ciIds.Contains);
}
