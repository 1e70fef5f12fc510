using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>A cluster of recurring incidents proposed to the problem manager (PRB-02); one document per cluster, reused after a dismissal lapses.</summary>
public sealed class ProblemCandidate : RecordDocument
{
    public const string Type = "problem-candidate";

    public override string RecordType => Type;

    public required string ClusterKey { get; init; }
    public required string Category { get; init; }
    public string? CiId { get; init; }
    public string? ServiceId { get; init; }
    public CandidateState State { get; set; }
    public List<string> IncidentIds { get; set; } = [];
    public string? ProblemId { get; set; }
    public string? DismissReason { get; set; }
    public DateTimeOffset? SuppressedUntil { get; set; }

    /// <summary>The problem manager who accepted or dismissed it, so the others' cards can say who decided.</summary>
    public string? DecidedBy { get; set; }

    public static string IdFor(string clusterKey) => "PCN-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clusterKey)))[..12];
}

/// <summary>
/// PRB-02: when an incident is raised or classified, counts the incidents of the last window with the
/// same category and CI (or the same service when it has no CI) that no problem covers; at the
/// policy's count it proposes the cluster with an event the bot turns into a card for the problem manager.
/// </summary>
public sealed class ProblemCandidates(IDocumentStore store, Partitions partitions, EventRelaySignal relay, IncidentStore incidents)
{
    private readonly RecordCollection<ProblemCandidate> _candidates = new(store, partitions.For(ProblemCandidate.Type));

    public async Task<ProblemCandidate?> GetAsync(string id, CancellationToken cancellationToken) => (await _candidates.GetAsync(id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<ProblemCandidate>> ProposedAsync(CancellationToken cancellationToken)
    {
        var (items, _) = await _candidates.QueryAsync(new DocumentQuery
        {
            Where = [new Eq("state", JsonValue.Create(nameof(CandidateState.Proposed)))],
            OrderBy = [new SortKey("state"), new SortKey("createdAt", Descending: true)],
            PageSize = 100,
        }, cancellationToken);
        return items.Select(i => i.Value).ToList();
    }

    public async Task CheckAsync(Incident incident, ProblemPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (incident.Category is null || incident.State == IncidentState.Cancelled || HasProblem(incident))
        {
            return;
        }

        IEnumerable<(string Key, string? Ci, string? Service)> keys = incident.CiIds.Count > 0
            ? incident.CiIds.Select(ci => ($"{incident.Category}|ci:{ci}", (string?)ci, (string?)null))
            : [($"{incident.Category}|service:{incident.ServiceId}", null, incident.ServiceId)];
        List<Incident>? recent = null;
        foreach (var (key, ci, service) in keys)
        {
            // A cluster already proposed only grows: the incident joins it without a query or a second proposal.
            var existing = await _candidates.GetAsync(ProblemCandidate.IdFor(key), cancellationToken);
            if (existing?.Value is { State: CandidateState.Proposed })
            {
                await JoinAsync(existing, incident.Id, cancellationToken);
                continue;
            }

            if (existing?.Value is { State: CandidateState.Dismissed, SuppressedUntil: { } until } && until > now)
            {
                continue;
            }

            recent ??= await RecentAsync(incident, policy, now, cancellationToken);
            var members = ci is null
                ? recent.Where(i => i.CiIds.Count == 0 && i.ServiceId == service).ToList()
                : recent.Where(i => i.CiIds.Contains(ci)).ToList();
            if (members.Count >= policy.RecurringIncidentCount)
            {
                await ProposeAsync(existing, key, incident.Category, ci, service, members.Select(m => m.Id).OrderBy(id => id, StringComparer.Ordinal).ToList(), now, cancellationToken);
            }
        }
    }

    /// <summary>Records the problem manager's decision: accepted (with the problem created) or dismissed with a reason for the suppression period.</summary>
    public async Task<ProblemCandidate> DecideAsync(string id, CandidateDecisionRequest request, Caller caller, ProblemPolicy policy, DateTimeOffset now,
        Func<ProblemCandidate, Task<string>> createProblem, CancellationToken cancellationToken)
    {
        caller.Require("PRB-02", ItsmRole.ProblemManager);
        var stored = await _candidates.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Problem candidate", id);
        var candidate = stored.Value;
        if (candidate.State != CandidateState.Proposed)
        {
            throw Problems.Conflict($"{id} was already {candidate.State}.", "PRB-02");
        }

        if (request.Accept == true)
        {
            candidate.ProblemId = await createProblem(candidate);
            candidate.State = CandidateState.Accepted;
            candidate.DecidedBy = caller.Id;
            candidate.Raise(caller.Actor, now, "ProblemCandidateAccepted", EventVisibility.Internal, notify: [Notify.Role(ItsmRole.ProblemManager)], data: new JsonObject { ["problemId"] = candidate.ProblemId });
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                throw Problems.Unprocessable("Dismissing a problem candidate needs a reason.", "PRB-02", "reason");
            }

            candidate.State = CandidateState.Dismissed;
            candidate.DismissReason = request.Reason;
            candidate.SuppressedUntil = now.AddDays(policy.DismissalSuppressionDays);
            candidate.DecidedBy = caller.Id;
            candidate.Raise(caller.Actor, now, "ProblemCandidateDismissed", EventVisibility.Internal, notify: [Notify.Role(ItsmRole.ProblemManager)],
                data: new JsonObject { ["reason"] = request.Reason, ["suppressedUntil"] = UtcTimestampConverter.Text(candidate.SuppressedUntil.Value) });
        }

        var saved = await _candidates.ReplaceAsync(id, candidate, stored.ETag, cancellationToken);
        relay.Nudge();
        return saved.Value;
    }

    /// <summary>The incidents of the window with the same category that a cluster of this incident can count.</summary>
    private async Task<List<Incident>> RecentAsync(Incident incident, ProblemPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-policy.RecurringWindowDays);
        var recent = new List<Incident>();
        await foreach (var stored in incidents.QueryAllAsync(new DocumentQuery
        {
            Where =
            [
                new Eq("category", JsonValue.Create(incident.Category)),
                new Compare("createdAt", CompareOp.GreaterOrEqual, JsonValue.Create(UtcTimestampConverter.Text(since))),
                ClusterFilter(incident), // only the incidents a cluster below can count: not every incident of the category
            ],
            OrderBy = [new SortKey("createdAt", Descending: true)],
            PageSize = 200,
        }, cancellationToken))
        {
            if (stored.Value.State != IncidentState.Cancelled && !HasProblem(stored.Value))
            {
                recent.Add(stored.Value);
            }
        }

        return recent;
    }

    /// <summary>
    /// Adds a new member to a cluster that is already proposed, so the card and the problem created on acceptance
    /// count it; no new event: the problem managers were told once, and their card reads the cluster when shown.
    /// </summary>
    private async Task JoinAsync(Stored<ProblemCandidate> proposed, string incidentId, CancellationToken cancellationToken)
    {
        var candidate = proposed.Value;
        if (candidate.IncidentIds.Contains(incidentId))
        {
            return;
        }

        candidate.IncidentIds = [.. candidate.IncidentIds.Append(incidentId).Order(StringComparer.Ordinal)];

        // A decision in between makes this a stale write: the reaction is retried and then sees the decided cluster.
        await _candidates.ReplaceAsync(candidate.Id, candidate, proposed.ETag, cancellationToken);
    }

    private async Task ProposeAsync(Stored<ProblemCandidate>? existing, string key, string category, string? ci, string? service, List<string> members, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var id = ProblemCandidate.IdFor(key);
        var candidate = new ProblemCandidate
        {
            Id = id, ClusterKey = key, Category = category, CiId = ci, ServiceId = service, State = CandidateState.Proposed, IncidentIds = members,
            CreatedAt = now, CreatedBy = Actor.SystemId, EventSeq = existing?.Value.EventSeq ?? 0, Events = existing?.Value.Events ?? [],
        };
        candidate.Raise(Actor.System, now, "ProblemCandidateProposed", EventVisibility.Internal, notify: [Notify.Role(ItsmRole.ProblemManager)], data: new JsonObject
        {
            ["incidentIds"] = new JsonArray([.. members.Select(m => JsonValue.Create(m))]),
            ["category"] = category, ["ciId"] = ci, ["serviceId"] = service,
        });
        try
        {
            _ = existing is null ? await _candidates.CreateAsync(id, candidate, cancellationToken) : await _candidates.ReplaceAsync(id, candidate, existing.ETag, cancellationToken);
            relay.Nudge();
        }
        catch (StoreException ex) when (ex.Error is StoreError.Conflict or StoreError.PreconditionFailed)
        {
            // Reactions run on one instance at a time; a race here means the same cluster was just proposed.
        }
    }

    private static Condition ClusterFilter(Incident incident) => incident.CiIds.Count > 0
        ? new AnyOf([.. incident.CiIds.Select(ci => new ArrayContains("ciIds", JsonValue.Create(ci)))])
        : new Eq("serviceId", JsonValue.Create(incident.ServiceId));

    private static bool HasProblem(Incident incident) => incident.Links.Any(l => l.Kind == IncidentLinkKind.Problem);

    public static void DeclareIndexes(IServiceCollection services) =>
        services.AddStorageIndex("problem-candidate-state", ProblemCandidate.Type, new SortKey("state"), new SortKey("createdAt", Descending: true));
}
