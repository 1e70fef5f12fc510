using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Knowledge.Search;

/// <summary>
/// Keeps this instance's <see cref="KnowledgeIndex"/> current. At start it notes the event feed's
/// position, loads every published item and resolved incident (embeddings come from the store), then
/// follows the feed from that position: each knowledge or incident event re-reads its record and
/// upserts or removes it. Re-applying an event changes nothing, so overlap between the load and the
/// feed is harmless, and a restart resumes by loading again.
/// </summary>
public sealed class KnowledgeIndexer(
    KnowledgeIndex index,
    KnowledgeStore knowledge,
    IncidentStore incidents,
    EventLog log,
    ILogger<KnowledgeIndexer> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdlePollInterval = TimeSpan.FromSeconds(10);
    private static readonly HashSet<string> IncidentKinds =
        ["IncidentResolved", "IncidentClosed", "IncidentReopened", "IncidentUpdated", "SecurityFlagChanged", "IncidentCancelled"];

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _cursor;

    /// <summary>Completes once the index is loaded.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Applies every logged event after the cursor; returns how many were read.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var read = 0;
            while (true)
            {
                var events = await log.ReadAfterAsync(_cursor, 200, cancellationToken);
                if (events.Count == 0)
                {
                    return read;
                }

                foreach (var recordId in events.Where(Concerns).Select(e => e.RecordId).Distinct())
                {
                    await RefreshAsync(recordId, cancellationToken);
                }

                _cursor = events[^1].Position ?? _cursor;
                read += events.Count;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public static IndexedDocument ToDocument(KnowledgeItem item) =>
        new(item.Id, HitSource.KnowledgeItem, item.Kind, item.Content.Audience, item.Content.Title, item.Content.SearchText, item.Content.ServiceIds, item.Content.CiIds)
        {
            Quotable = string.Join("\n", new[] { item.Content.Body }.Concat(item.Content.Steps).Where(t => !string.IsNullOrWhiteSpace(t))),
        };

    /// <summary>KB-02: a resolved incident's summary, description and resolution notes; restricted ones reach the security audience only.</summary>
    public static IndexedDocument? ToDocument(Incident incident) =>
        incident is { State: IncidentState.Resolved or IncidentState.Closed, Resolution: { } resolution } && resolution.Code != "Duplicate"
            ? new(incident.Id, HitSource.ResolvedIncident, null,
                IncidentAccess.IsRestricted(incident) ? KnowledgeAudience.SecurityRestricted : KnowledgeAudience.Agents,
                incident.Summary, string.Join("\n", new[] { incident.Summary, incident.Description, resolution.Notes, incident.Workaround }.Where(t => !string.IsNullOrWhiteSpace(t))),
                [incident.ServiceId], incident.CiIds)
            : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken);
            _ready.TrySetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The knowledge index could not be loaded");
            _ready.TrySetException(ex);
            return;
        }

        await PollingLoop.RunAsync(CatchUpAsync, Task.Delay, PollInterval, IdlePollInterval, logger, "The knowledge index's feed reader", stoppingToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _cursor = await log.LastPositionAsync(cancellationToken);
        var documents = new List<IndexedDocument>();
        await foreach (var item in knowledge.AllAsync(cancellationToken))
        {
            if (item.IsLive)
            {
                documents.Add(ToDocument(item));
            }
        }

        await foreach (var incident in incidents.QueryAllAsync(new DocumentQuery
        {
            Where = [new In("state", [JsonValue.Create(nameof(IncidentState.Resolved)), JsonValue.Create(nameof(IncidentState.Closed))])],
            OrderBy = [new SortKey("createdAt", Descending: true)],
            PageSize = 500,
        }, cancellationToken))
        {
            if (ToDocument(incident.Value) is { } document)
            {
                documents.Add(document);
            }
        }

        foreach (var batch in documents.Chunk(500))
        {
            await index.UpsertAsync(batch, cancellationToken);
        }

        logger.LogInformation("Knowledge index loaded: {Count} documents", index.Count);
    }

    private static bool Concerns(DomainEvent domainEvent) =>
        domainEvent.RecordType == KnowledgeItem.Type || (domainEvent.RecordType == Incident.Type && IncidentKinds.Contains(domainEvent.Kind));

    private async Task RefreshAsync(string recordId, CancellationToken cancellationToken)
    {
        IndexedDocument? document = recordId.StartsWith("INC-", StringComparison.Ordinal)
            ? (await incidents.GetAsync(recordId, cancellationToken)) is { } incident ? ToDocument(incident) : null
            : (await knowledge.Items.GetAsync(recordId, cancellationToken)) is { IsLive: true } item ? ToDocument(item) : null;
        if (document is null)
        {
            index.Remove(recordId);
        }
        else
        {
            await index.UpsertAsync([document], cancellationToken);
        }
    }
}
