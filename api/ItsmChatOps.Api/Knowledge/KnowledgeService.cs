using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>
/// Orchestrates knowledge item operations: read what the caller's audience allows (404 otherwise, so
/// existence does not leak), apply a rule from <see cref="KnowledgeRules"/>, write with the ETag read or
/// the client's If-Match.
/// </summary>
public sealed class KnowledgeService(KnowledgeStore store, PolicyStore policies, TimeProvider time)
{
    public const string PolicyKind = "knowledge";

    public async Task<KnowledgePolicy> PolicyAsync(CancellationToken cancellationToken) =>
        (await policies.CurrentAsync<KnowledgePolicy>(PolicyKind, cancellationToken)).Body;

    public async Task<IReadOnlySet<KnowledgeAudience>> AudiencesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var (incidentPolicy, _) = await policies.CurrentAsync<IncidentPolicy>(PolicyKinds.Incident, cancellationToken);
        return KnowledgeAccess.AudiencesFor(caller, incidentPolicy.SecurityGroupId);
    }

    public async Task<KnowledgeItem> CreateAsync(CreateKnowledgeItemRequest request, Caller caller, CancellationToken cancellationToken)
    {
        if (!KnowledgeAccess.CanAuthor(caller))
        {
            throw Problems.Forbidden("Knowledge editors, resolvers, the service desk and problem management write knowledge items.", "KB-06");
        }

        if (request.Audience == KnowledgeAudience.SecurityRestricted && !(await AudiencesAsync(caller, cancellationToken)).Contains(KnowledgeAudience.SecurityRestricted))
        {
            throw Problems.Forbidden("Only the security audience writes security-restricted items.", "KB-07");
        }

        var now = time.GetUtcNow();
        var item = KnowledgeRules.Create(await store.Items.NextIdAsync(cancellationToken), request.Kind!.Value, KnowledgeMapping.FromRequest(request),
            request.OwnerId ?? caller.Id, caller.Actor, now);
        return await store.Items.CreateAsync(item, cancellationToken);
    }

    /// <summary>A knowledge item the system writes (the KB entry of a known error, KB-05; a workaround offered from an incident, INC-13).</summary>
    public async Task<KnowledgeItem> CreateAsSystemAsync(KnowledgeKind kind, KnowledgeContent content, string ownerId, Action<KnowledgeItem> link, Actor actor, CancellationToken cancellationToken)
    {
        var item = KnowledgeRules.Create(await store.Items.NextIdAsync(cancellationToken), kind, content, ownerId, actor, time.GetUtcNow());
        link(item);
        return await store.Items.CreateAsync(item, cancellationToken);
    }

    public async Task<KnowledgeItem> ReadAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var item = await store.Items.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Knowledge item", id);
        if (!KnowledgeAccess.CanRead(caller, item, await AudiencesAsync(caller, cancellationToken)))
        {
            throw Problems.NotFound("Knowledge item", id);
        }

        return item;
    }

    public async Task<KnowledgeItem> ChangeAsync(string id, Caller caller, string? ifMatch, Action<KnowledgeItem, KnowledgePolicy, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(cancellationToken);
        return await store.Items.ChangeAsync(id, ifMatch, (key, ct) => ReadAsync(key, caller, ct), item =>
        {
            apply(item, policy, time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>A change the system makes (votes, deflections, applications, timers, known error updates): no reader visibility applies.</summary>
    public async Task<KnowledgeItem> ChangeAsSystemAsync(string id, Action<KnowledgeItem, KnowledgePolicy, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(cancellationToken);
        return await store.Items.ChangeAsync(id, null,
            async (key, ct) => await store.Items.GetAsync(key, ct) ?? throw Problems.NotFound("Knowledge item", key),
            item =>
            {
                apply(item, policy, time.GetUtcNow());
                return Task.CompletedTask;
            }, cancellationToken);
    }
}
