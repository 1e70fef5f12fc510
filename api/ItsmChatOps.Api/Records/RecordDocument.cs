using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Records;

/// <summary>
/// The stored shape every process record shares: identity, who and when, and the record's recent
/// events. Events live inside the document so a change and the events it raises are one atomic write
/// on both stores (no dual write); the relay copies them to the event log.
/// </summary>
public abstract class RecordDocument
{
    // Enough for the relay to see every event even if it was down for days; older ones are in the log.
    private static readonly TimeSpan KeepEventsFor = TimeSpan.FromDays(7);
    private const int KeepAtLeast = 20;

    public required string Id { get; init; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long EventSeq { get; set; }
    public List<DomainEvent> Events { get; set; } = [];

    /// <summary>The store's ETag of the version this instance was read as; not part of the body.</summary>
    [JsonIgnore]
    public string ETag { get; set; } = "";

    [JsonIgnore]
    public abstract string RecordType { get; }

    /// <summary>Appends an event to this record; it is written with the record's next write.</summary>
    public DomainEvent Raise(Actor actor, DateTimeOffset at, string kind, EventVisibility visibility,
        IEnumerable<FieldChange>? changes = null, IEnumerable<string>? notify = null, JsonObject? data = null)
    {
        var domainEvent = new DomainEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            RecordId = Id,
            RecordType = RecordType,
            Seq = ++EventSeq,
            Kind = kind,
            At = at,
            ActorId = actor.Id,
            OnBehalfOfId = actor.OnBehalfOfId,
            Via = actor.Via,
            Channel = actor.Channel,
            Visibility = visibility,
            Changes = changes?.ToList() ?? [],
            Notify = notify?.Where(n => !string.IsNullOrEmpty(n)).Distinct().ToList() ?? [],
            Data = data,
        };
        Events.Add(domainEvent);
        UpdatedAt = at;
        UpdatedBy = actor.Id;
        Trim(at);
        return domainEvent;
    }

    /// <summary>A field change entry with JSON old/new values, as the audit trail records it.</summary>
    public static FieldChange Change<T>(string field, T old, T @new) =>
        new(field, JsonSerializer.SerializeToNode(old, ItsmJson.Options), JsonSerializer.SerializeToNode(@new, ItsmJson.Options));

    private void Trim(DateTimeOffset now)
    {
        var excess = Events.Count - KeepAtLeast;
        var removable = Events.Take(Math.Max(excess, 0)).Count(e => now - e.At > KeepEventsFor);
        if (removable > 0)
        {
            Events.RemoveRange(0, removable);
        }
    }
}
