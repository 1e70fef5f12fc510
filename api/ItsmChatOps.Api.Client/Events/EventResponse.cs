using System.Text.Json.Nodes;

namespace ItsmChatOps.Api.Client.Events;

/// <summary>
/// One entry of the audit trail and the event feed (MGT-05): who did what to which record, through
/// which channel, with the old and new value of every changed field. Events are immutable.
/// </summary>
public sealed record EventResponse
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
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
    public IReadOnlyList<string> Notify { get; init; } = [];
    public JsonObject? Data { get; init; }

    /// <summary>The position in the global feed; absent on entries not yet relayed to the feed.</summary>
    public long? Position { get; init; }
}

public sealed record FieldChange(string Field, JsonNode? Old, JsonNode? New);

public enum EventVisibility
{
    /// <summary>Staff only.</summary>
    Internal,

    /// <summary>Also shown to the reporter and watchers.</summary>
    Public,
}

/// <summary>A page of the feed; pass <see cref="Cursor"/> as <c>after</c> to resume.</summary>
public sealed record EventFeedPage(IReadOnlyList<EventResponse> Events, string Cursor);
