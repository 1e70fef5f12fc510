using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Policies;

/// <summary>One immutable version of a policy (requirements §0 "Configurable").</summary>
public sealed class PolicyDocument : RecordDocument
{
    public const string Type = "policy";

    public override string RecordType => Type;

    public required string Kind { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset EffectiveFrom { get; init; }
    public required JsonObject Body { get; init; }

    public static string IdFor(string kind, int version) => $"{kind}@{version:D6}";
}

/// <summary>
/// Versioned policies. Each edit writes a new immutable version (the version after the current one, so
/// two concurrent edits cannot both win); records keep the versions they were evaluated under (SLM-12).
/// Current versions are cached for a few seconds, past versions for good.
/// </summary>
public sealed class PolicyStore(IDocumentStore store, Partitions partitions, TimeProvider time)
{
    private static readonly TimeSpan CurrentFor = TimeSpan.FromSeconds(5);
    private readonly RecordCollection<PolicyDocument> _policies = new(store, partitions.For(PolicyDocument.Type));
    private readonly ConcurrentDictionary<string, (Stored<PolicyDocument>? Doc, DateTimeOffset Until)> _current = new();
    private readonly ConcurrentDictionary<string, object> _versions = new();

    public static void DeclareIndexes(IServiceCollection services) =>
        services.AddStorageIndex("policy-version", PolicyDocument.Type, new SortKey("kind"), new SortKey("version", Descending: true));

    public async Task<(T Body, int Version)> CurrentAsync<T>(string kind, CancellationToken cancellationToken = default) where T : class
    {
        var current = await CurrentDocumentAsync(kind, cancellationToken)
            ?? throw new InvalidOperationException($"Policy '{kind}' has no version; it is created at start-up.");
        return (Typed<T>(current.Value), current.Value.Version);
    }

    public async Task<T> VersionAsync<T>(string kind, int version, CancellationToken cancellationToken = default) where T : class
    {
        var key = PolicyDocument.IdFor(kind, version);
        if (_versions.TryGetValue(key, out var cached))
        {
            return (T)cached;
        }

        var document = await _policies.GetAsync(key, cancellationToken)
            ?? throw new InvalidOperationException($"Policy '{kind}' has no version {version}.");
        return Typed<T>(document.Value);
    }

    public async Task<Stored<PolicyDocument>?> CurrentDocumentAsync(string kind, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_current.TryGetValue(kind, out var hit) && hit.Until > now)
        {
            return hit.Doc;
        }

        var (items, _) = await _policies.QueryAsync(new DocumentQuery
        {
            Where = [new Eq("kind", JsonValue.Create(kind))],
            OrderBy = [new SortKey("kind"), new SortKey("version", Descending: true)],
            PageSize = 1,
        }, cancellationToken);
        var current = items.Count > 0 ? items[0] : null;
        _current[kind] = (current, now + CurrentFor);
        return current;
    }

    public async Task<Stored<PolicyDocument>?> DocumentAsync(string kind, int version, CancellationToken cancellationToken = default) =>
        await _policies.GetAsync(PolicyDocument.IdFor(kind, version), cancellationToken);

    /// <summary>Writes the next version; <see cref="StoreError.Conflict"/> when someone else wrote it first.</summary>
    public async Task<Stored<PolicyDocument>> SaveAsync<T>(string kind, T body, Actor actor, CancellationToken cancellationToken = default) where T : class
    {
        _current.TryRemove(kind, out _);
        var previous = await CurrentDocumentAsync(kind, cancellationToken);
        var now = time.GetUtcNow();
        var version = (previous?.Value.Version ?? 0) + 1;
        var json = JsonSerializer.SerializeToNode(body, ItsmJson.Options)!.AsObject();
        var document = new PolicyDocument
        {
            Id = PolicyDocument.IdFor(kind, version),
            Kind = kind,
            Version = version,
            EffectiveFrom = now,
            Body = json,
            CreatedAt = now,
            CreatedBy = actor.Id,
        };
        document.Raise(actor, now, "PolicyVersionCreated", EventVisibility.Internal,
            [new Client.Events.FieldChange("body", previous?.Value.Body.DeepClone(), json.DeepClone())],
            data: new JsonObject { ["kind"] = kind, ["version"] = version });
        var saved = await _policies.CreateAsync(document.Id, document, cancellationToken);
        _current.TryRemove(kind, out _);
        return saved;
    }

    /// <summary>Creates version 1 from the default when a policy has none yet (first start).</summary>
    public async Task EnsureAsync<T>(string kind, T defaults, CancellationToken cancellationToken = default) where T : class
    {
        if (await CurrentDocumentAsync(kind, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await SaveAsync(kind, defaults, Actor.System, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            _current.TryRemove(kind, out _); // another instance created it at the same moment
        }
    }

    private T Typed<T>(PolicyDocument document) where T : class
    {
        var key = document.Id;
        return (T)_versions.GetOrAdd(key, _ => document.Body.Deserialize<T>(ItsmJson.Options)
            ?? throw new InvalidOperationException($"Policy {key} is empty."));
    }
}

public static class PolicyKinds
{
    public const string Matrix = "priority-matrix";
    public const string Targets = "service-level-targets";
    public const string Incident = "incident";
    public const string Categories = "incident-categories";
    public const string Intake = "intake";
    public const string Survey = "survey";

    public static string Calendar(string calendarId) => $"calendar-{calendarId}";
}
