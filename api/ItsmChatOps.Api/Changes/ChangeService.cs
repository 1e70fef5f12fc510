using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Changes;

/// <summary>
/// Orchestrates change operations: load, check visibility, apply a rule, write with the ETag read (or the client's
/// If-Match), and keep links in step. A write that loses a race is re-applied to the fresh version, so concurrent
/// approvals are each counted once and none is lost. The rules live in the Change* rule classes.
/// </summary>
public sealed class ChangeService(
    ChangeStore changes,
    ChangeTemplateStore templates,
    PolicyStore policies,
    ServiceStore services,
    LinkStore links,
    TimeProvider time)
{
    /// <summary>Enough for every writer of a busy change: each lost race means another writer won.</summary>
    public const int MaxWriteAttempts = 100;

    /// <summary>
    /// Writers of one change inside this process take turns (by stripe of the id), so fifty approvers clicking at once
    /// cost fifty writes rather than a storm of lost races; replace-if-match still guards writers on other instances.
    /// </summary>
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<(ChangePolicy Policy, int Version)> PolicyAsync(CancellationToken cancellationToken) =>
        await policies.CurrentAsync<ChangePolicy>(ChangePolicy.Kind, cancellationToken);

    public async Task<Change> CreateAsync(CreateChangeRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var template = request.TemplateId is null ? null : await templates.GetAsync(request.TemplateId, cancellationToken);
        var now = time.GetUtcNow();
        ChangeEdits.Create("CHG-000000", request, caller, template, now); // checks the request before a number is taken
        var change = ChangeEdits.Create(await changes.NextIdAsync(cancellationToken), request, caller, template, now);
        var created = await changes.CreateAsync(change, cancellationToken);
        await MirrorLinksAsync(created, created.Links, caller.Actor, cancellationToken);
        return created;
    }

    /// <summary>Reads a change the caller may see; 404 otherwise, so existence does not leak.</summary>
    public async Task<Change> ReadAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var change = await changes.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Change", id);
        if (!ChangeAccess.CanRead(caller, change, await CustomerServicesAsync(caller, cancellationToken)))
        {
            throw Problems.NotFound("Change", id);
        }

        return change;
    }

    /// <summary>
    /// Applies a change and writes it. With the client's If-Match a concurrent write is 412; without, the change is
    /// re-applied to the fresh version (for actions that do not depend on what the client saw).
    /// </summary>
    /// <remarks>
    /// A decision (<paramref name="forDecision"/>) reads the change whoever asks, so that someone who is not an
    /// approver hears "you are not an approver" (403) rather than "not found" (CHG-05).
    /// </remarks>
    public async Task<Change> ChangeAsync(string id, Caller caller, string? ifMatch, Func<Change, ChangePolicy, int, DateTimeOffset, Task> apply, CancellationToken cancellationToken,
        bool forDecision = false)
    {
        var stripe = Stripe(id);
        await stripe.WaitAsync(cancellationToken);
        try
        {
            return await WriteAsync(id, caller, ifMatch, apply, forDecision, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<Change> WriteAsync(string id, Caller caller, string? ifMatch, Func<Change, ChangePolicy, int, DateTimeOffset, Task> apply, bool forDecision,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var change = forDecision
                ? await changes.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Change", id)
                : await ReadAsync(id, caller, cancellationToken);
            ETags.Require(ifMatch, change.ETag, id);
            var (policy, version) = await PolicyAsync(cancellationToken);
            var before = change.EventSeq;
            var linked = change.Links.ToList();
            await apply(change, policy, version, time.GetUtcNow());
            if (change.EventSeq == before)
            {
                return change; // nothing happened (a replay): nothing to write
            }

            try
            {
                ChangeTimers.Schedule(change, policy);
                var written = await changes.ReplaceAsync(change, cancellationToken);
                await MirrorLinksAsync(written, written.Links.Except(linked), caller.Actor, cancellationToken);
                return written;
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed && ifMatch is null && attempt < MaxWriteAttempts)
            {
                // Someone wrote between our read and write; apply the change again to their version.
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed)
            {
                throw Problems.StaleETag(id);
            }
        }
    }

    /// <summary>A change made by the system itself (timers): no reader visibility applies.</summary>
    public async Task<Change> ChangeAsSystemAsync(string id, Action<Change, ChangePolicy, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        var stripe = Stripe(id);
        await stripe.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var change = await changes.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Change", id);
                var (policy, _) = await PolicyAsync(cancellationToken);
                apply(change, policy, time.GetUtcNow());
                try
                {
                    return await changes.ReplaceAsync(change, cancellationToken);
                }
                catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed && attempt < MaxWriteAttempts)
                {
                    // A writer on another instance won; apply again to the fresh version.
                }
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    private SemaphoreSlim Stripe(string id) => _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_stripes.Length)];

    public async Task<IReadOnlyCollection<string>> CustomerServicesAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.IsCustomerUser ? await services.ServiceIdsOfCustomerAsync(caller.Person.CustomerId!, cancellationToken) : [];

    /// <summary>Links live in the record and in the link store, so the other record sees them too (CHG-15); adding is idempotent.</summary>
    private async Task MirrorLinksAsync(Change change, IEnumerable<ChangeLink> added, Actor actor, CancellationToken cancellationToken)
    {
        foreach (var link in added)
        {
            await links.AddAsync(change.Id, link.Kind.ToString(), link.TargetId, actor, change.UpdatedAt, cancellationToken);
        }
    }
}
