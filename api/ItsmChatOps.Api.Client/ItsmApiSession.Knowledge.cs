using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;

namespace ItsmChatOps.Api.Client;

/// <summary>Fixes applied to incidents and recurring-incident clusters decided, on behalf of one person (INC-09, KB-03, PRB-02).</summary>
public sealed partial class ItsmApiSession
{
    /// <summary>A workaround or known error applied to an incident by someone working it; applying it again changes nothing (INC-09, KB-03).</summary>
    public Task<KnowledgeItemResponse> ApplyKnowledgeAsync(string itemId, ApplyKnowledgeRequest request, CancellationToken cancellationToken = default) =>
        Post<KnowledgeItemResponse>($"api/knowledge/{Uri.EscapeDataString(itemId)}/applications", request, cancellationToken);

    /// <summary>Suggested fixes for an incident: its best three matches with scores, as this person may see them; staff only (INC-09).</summary>
    public Task<SuggestionsResponse> GetSuggestionsAsync(string incidentId, CancellationToken cancellationToken = default) =>
        Get<SuggestionsResponse>($"api/incidents/{Uri.EscapeDataString(incidentId)}/suggestions", cancellationToken);

    /// <summary>One knowledge item as this person may read it (KB-07: 404 when its audience is not theirs).</summary>
    public Task<KnowledgeItemResponse> GetKnowledgeItemAsync(string id, CancellationToken cancellationToken = default) =>
        Get<KnowledgeItemResponse>($"api/knowledge/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>One known error; staff only (PRB-04, PRB-17).</summary>
    public Task<KnownErrorResponse> GetKnownErrorAsync(string id, CancellationToken cancellationToken = default) =>
        Get<KnownErrorResponse>($"api/known-errors/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>One recurring-incident cluster; staff only (PRB-02).</summary>
    public Task<ProblemCandidateResponse> GetProblemCandidateAsync(string id, CancellationToken cancellationToken = default) =>
        Get<ProblemCandidateResponse>($"api/problem-candidates/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>The problem manager accepts a cluster (the problem is created with its incidents linked) or dismisses it with a reason (PRB-02).</summary>
    public Task<ProblemCandidateResponse> DecideProblemCandidateAsync(string id, CandidateDecisionRequest request, CancellationToken cancellationToken = default) =>
        Post<ProblemCandidateResponse>($"api/problem-candidates/{Uri.EscapeDataString(id)}/decision", request, cancellationToken);
}
