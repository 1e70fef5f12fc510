using ItsmChatOps.Api.Changes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.ConfigurationItems;

/// <summary>
/// Orchestrates CI operations: read for staff, apply a rule, keep the unique keys (CFG-01) in step, and write with
/// the ETag read (or the client's If-Match). An edit that touches nothing writes nothing. The rules live in
/// <see cref="CiRules"/> and <see cref="CiTransitions"/>; the authorizing change of CFG-05 is checked here.
/// </summary>
public sealed class CiService(CiStore cis, PolicyStore policies, PeopleStore people, ChangeStore changes, TimeProvider time)
{
    private const int MaxWriteAttempts = 8;

    public async Task<CiTypesPolicy> TypesAsync(CancellationToken cancellationToken) =>
        (await policies.CurrentAsync<CiTypesPolicy>(CiTypesPolicy.Kind, cancellationToken)).Body;

    public async Task<ConfigurationItem> CreateAsync(CreateCiRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var type = (await TypesAsync(cancellationToken)).Find(request.Type!)
            ?? throw Problems.Validation(new Dictionary<string, string[]> { ["type"] = [$"'{request.Type}' is not a configured CI type (CFG-02)."] }, "CFG-02");
        var ownerKnown = await people.GetAsync(request.OwnerId!, cancellationToken) is not null;
        var now = time.GetUtcNow();
        CiRules.Create("CI-000000", request, type, caller, ownerKnown, now); // validates before a number is taken
        var id = await cis.NextIdAsync(cancellationToken);
        var claimed = new List<string>();
        try
        {
            foreach (var key in CiRules.KeysOf(type.Id, request.Name!, request.Version, request.Marking))
            {
                if (!await cis.ClaimAsync(key, id, cancellationToken))
                {
                    throw DuplicateKey(key, type);
                }

                claimed.Add(key);
            }

            return await cis.CreateExactAsync(CiRules.Create(id, request, type, caller, ownerKnown, now), cancellationToken);
        }
        catch
        {
            await ReleaseAllAsync(claimed, id);
            throw;
        }
    }

    /// <summary>Reads a CI for staff: configuration data is internal (SEC-01).</summary>
    public async Task<ConfigurationItem> ReadAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Configuration items are visible to staff.", "SEC-01");
        }

        return await cis.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Configuration item", id);
    }

    /// <summary>
    /// Applies an edit and writes it; <paramref name="apply"/> returns false when nothing changed. A changed name,
    /// version or marking claims its new unique key first (409 when another CI holds it) and frees the old one after.
    /// </summary>
    public async Task<ConfigurationItem> ChangeAsync(string id, Caller? caller, string? ifMatch,
        Func<ConfigurationItem, CiTypeDefinition, DateTimeOffset, Task<bool>> apply, CancellationToken cancellationToken)
    {
        var types = await TypesAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var ci = caller is null
                ? await cis.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Configuration item", id)
                : await ReadAsync(id, caller, cancellationToken);
            ETags.Require(ifMatch, ci.ETag, id);
            var type = types.Find(ci.TypeId) ?? throw new InvalidOperationException($"{id} has type '{ci.TypeId}', which is no longer configured.");
            var oldKeys = CiRules.KeysOf(ci.TypeId, ci.Name, ci.Version, ci.Marking);
            if (!await apply(ci, type, time.GetUtcNow()))
            {
                return ci;
            }

            var newKeys = CiRules.KeysOf(ci.TypeId, ci.Name, ci.Version, ci.Marking);
            var added = newKeys.Except(oldKeys).ToList();
            foreach (var key in added)
            {
                if (!await cis.ClaimAsync(key, ci.Id, cancellationToken))
                {
                    await ReleaseAllAsync(added.TakeWhile(k => k != key), ci.Id);
                    throw DuplicateKey(key, type);
                }
            }

            try
            {
                var written = await cis.ReplaceAsync(ci, cancellationToken);
                await ReleaseAllAsync(oldKeys.Except(newKeys), ci.Id);
                return written;
            }
            catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed)
            {
                await ReleaseAllAsync(added, ci.Id);
                if (ifMatch is not null || attempt >= MaxWriteAttempts)
                {
                    throw Problems.StaleETag(id);
                }
            }
        }
    }

    /// <summary>
    /// The change that authorizes a controlled update of the CI (CFG-05): it must exist, be Implementing and list
    /// the CI; otherwise 409.
    /// </summary>
    public async Task<Change> AuthorizingChangeAsync(string changeId, ConfigurationItem ci, CancellationToken cancellationToken)
    {
        var change = await changes.GetAsync(changeId, cancellationToken)
            ?? throw Problems.Conflict($"{changeId} does not exist, so it cannot authorize an update of {ci.Id}.", "CFG-05");
        if (change.State != ChangeState.Implementing)
        {
            throw Problems.Conflict($"{changeId} is {change.State}; only a change in Implementing authorizes updates of {ci.Id}.", "CFG-05");
        }

        if (!change.CiIds.Contains(ci.Id))
        {
            throw Problems.Conflict($"{changeId} does not list {ci.Id}; add the CI to the change (which sends it back for approval) first.", "CFG-05");
        }

        return change;
    }

    /// <summary>Refuses a controlled update of a Live, UnderChange or Withdrawn CI without an authorizing change (CFG-05).</summary>
    public static void RequireAuthorization(ConfigurationItem ci, Change? authorizing)
    {
        if (ci.IsControlled && authorizing is null)
        {
            throw Problems.Conflict($"{ci.Id} is {ci.State}: its controlled attributes change only under a change in Implementing that lists it (give changeId).", "CFG-05");
        }
    }

    /// <summary>Who may edit: the configuration manager, the owner or delegate, and for controlled updates the implementer of the authorizing change (CHG-11).</summary>
    public static void RequireEditor(ConfigurationItem ci, Caller caller, Change? authorizing)
    {
        var owner = ci.OwnerId == caller.Id || ci.DelegateId == caller.Id;
        var implementer = authorizing is not null && ChangeAccess.IsImplementer(caller, authorizing);
        if (!CiRules.IsConfigurationManager(caller) && !owner && !implementer)
        {
            throw Problems.Forbidden($"Only the configuration manager, the owner of {ci.Id} or the implementer of its authorizing change can edit it.", "CFG-05", "SEC-01");
        }
    }

    /// <summary>A change starts implementing: its Live CIs go UnderChange (CFG-06).</summary>
    public async Task StartChangeAsync(Change change, CancellationToken cancellationToken)
    {
        foreach (var ciId in change.CiIds)
        {
            await ChangeAsync(ciId, null, null, (ci, _, now) => Task.FromResult(CiTransitions.StartChange(ci, change.Id, now)), cancellationToken);
        }
    }

    /// <summary>A change ends Implemented or BackedOut: its CIs are Live again (CFG-06).</summary>
    public async Task EndChangeAsync(Change change, CancellationToken cancellationToken)
    {
        foreach (var ciId in change.CiIds)
        {
            await ChangeAsync(ciId, null, null, (ci, _, now) => Task.FromResult(CiTransitions.EndChange(ci, change.Id, now)), cancellationToken);
        }
    }

    private async Task ReleaseAllAsync(IEnumerable<string> keys, string ciId)
    {
        foreach (var key in keys)
        {
            await cis.ReleaseAsync(key, ciId, CancellationToken.None);
        }
    }

    private static ProblemException DuplicateKey(string key, CiTypeDefinition type) =>
        key.StartsWith("marking|", StringComparison.Ordinal)
            ? Problems.Duplicate($"Another {type.Name} already has this {type.MarkingLabel?.ToLowerInvariant() ?? "marking"}; markings are unique within a type.", "CFG-01")
            : Problems.Duplicate($"Another {type.Name} has the same name and version; name + type + version is unique.", "CFG-01");
}
