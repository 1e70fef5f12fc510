using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;

namespace ItsmChatOps.Api.Events;

/// <summary>
/// An immutable fact about a record, raised in the same write as the change it describes (it is
/// stored inside the record first) and later copied to the event log by the relay, which gives it a
/// global <see cref="Position"/>. It is the audit trail (MGT-05) and the bot's notification source.
/// </summary>
public sealed class DomainEvent
{
    public required string Id { get; init; }
    public required string RecordId { get; init; }
    public required string RecordType { get; init; }
    public required long Seq { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ActorId { get; init; }
    public string? OnBehalfOfId { get; init; }
    public string? Via { get; init; }
    public required Channel Channel { get; init; }
    public required EventVisibility Visibility { get; init; }
    public List<FieldChange> Changes { get; init; } = [];
    public List<string> Notify { get; init; } = [];
    public JsonObject? Data { get; init; }
    public long? Position { get; init; }

    public EventResponse ToResponse() => new()
    {
        Id = Id,
        RecordId = RecordId,
        RecordType = RecordType,
        Seq = Seq,
        Kind = Kind,
        At = At,
        ActorId = ActorId,
        OnBehalfOfId = OnBehalfOfId,
        Via = Via,
        Channel = Channel,
        Visibility = Visibility,
        Changes = Changes,
        Notify = Notify,
        Data = Data?.DeepClone().AsObject(),
        Position = Position,
    };
}
