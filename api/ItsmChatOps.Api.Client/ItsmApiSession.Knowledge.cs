using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.Problems;

namespace ItsmChatOps.Api.Client;

/// <summary>Fixes applied to incidents and recurring-incident clusters decided, on behalf of one person (INC-09, KB-03, PRB-02).</summary>
public sealed partial class ItsmApiSession
{
    /// <summary>A workaround or known error applied to an incident by someone working it; applying it again changes nothing (INC-09, KB-03).</summary>
    public Task<KnowledgeItemResponse> ApplyKnowledgeAsync(string itemId, ApplyKnowledgeRequest request, CancellationToken cancellationToken = default) =>
        Post<KnowledgeItemResponse>($"api/knowledge/{Uri.EscapeDataString(itemId)}/applications", request, cancellationToken);

    /// <summary>One recurring-incident cluster; staff only (PRB-02).</summary>
    public Task<ProblemCandidateResponse> GetProblemCandidateAsync(string id, CancellationToken cancellationToken = default) =>
        Get<ProblemCandidateResponse>($"api/problem-candidates/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>The problem manager accepts a cluster (the problem is created with its incidents linked) or dismisses it with a reason (PRB-02).</summary>
    public Task<ProblemCandidateResponse> DecideProblemCandidateAsync(string id, CandidateDecisionRequest request, CancellationToken cancellationToken = default) =>
        Post<ProblemCandidateResponse>($"api/problem-candidates/{Uri.EscapeDataString(id)}/decision", request, cancellationToken);
}
