using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Changes;

/// <summary>An approver's delegations to deputies, each for a date range (CHG-05); one document per approver.</summary>
public sealed class ApprovalDelegation : RecordDocument
{
    public const string Type = "approval-delegation";

    public override string RecordType => Type;

    public List<Delegation> Entries { get; set; } = [];

    /// <summary>Every deputy named, for "who delegated to me" lookups.</summary>
    public List<string> DeputyIds { get; set; } = [];
}

public sealed record Delegation(string DeputyId, DateTimeOffset From, DateTimeOffset To, DateTimeOffset CreatedAt)
{
    public bool CoversAt(DateTimeOffset at) => From <= at && at < To;
}

/// <summary>Records delegations and answers who may decide for whom, now.</summary>
public sealed class DelegationStore(IDocumentStore store, Partitions partitions)
{
    private const int MaxWriteAttempts = 5;
    private readonly RecordCollection<ApprovalDelegation> _delegations = new(store, partitions.For(ApprovalDelegation.Type));

    public async Task<ApprovalDelegation?> OfAsync(string approverId, CancellationToken cancellationToken) =>
        (await _delegations.GetAsync(approverId, cancellationToken))?.Value;

    public async Task<ApprovalDelegation> AddAsync(string approverId, Delegation delegation, Actor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _delegations.GetAsync(approverId, cancellationToken);
            var document = existing?.Value ?? new ApprovalDelegation { Id = approverId, CreatedAt = delegation.CreatedAt, CreatedBy = actor.Id };
            document.Entries.Add(delegation);
            document.DeputyIds = document.Entries.Select(e => e.DeputyId).Distinct().ToList();
            document.Raise(actor, delegation.CreatedAt, "ApprovalDelegated", EventVisibility.Internal, notify: [delegation.DeputyId],
                data: new JsonObject
                {
                    ["deputyId"] = delegation.DeputyId,
                    ["from"] = Client.UtcTimestampConverter.Text(delegation.From),
                    ["to"] = Client.UtcTimestampConverter.Text(delegation.To),
                });
            try
            {
                return existing is null
                    ? (await _delegations.CreateAsync(approverId, document, cancellationToken)).Value
                    : (await _delegations.ReplaceAsync(approverId, document, existing.ETag, cancellationToken)).Value;
            }
            catch (StoreException ex) when (ex.Error is StoreError.Conflict or StoreError.PreconditionFailed && attempt < MaxWriteAttempts)
            {
                // Another delegation was added at the same moment; add ours to the fresh version.
            }
        }
    }

    /// <summary>The approvers who have delegated to <paramref name="deputyId"/> for the instant <paramref name="at"/>.</summary>
    public async Task<IReadOnlyList<string>> DelegatorsForAsync(string deputyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        await foreach (var item in _delegations.QueryAllAsync(new DocumentQuery { Where = [new ArrayContains("deputyIds", JsonValue.Create(deputyId))], PageSize = 200 }, cancellationToken))
        {
            if (item.Value.Entries.Any(e => e.DeputyId == deputyId && e.CoversAt(at)))
            {
                result.Add(item.Value.Id);
            }
        }

        return result;
    }

    /// <summary>The deputies acting for any of the approvers at <paramref name="at"/>, so approval requests reach them too.</summary>
    public async Task<IReadOnlyList<string>> DeputiesOfAsync(IEnumerable<string> approverIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var approverId in approverIds)
        {
            var document = await OfAsync(approverId, cancellationToken);
            result.AddRange(document?.Entries.Where(e => e.CoversAt(at)).Select(e => e.DeputyId) ?? []);
        }

        return result.Distinct().ToList();
    }
}
