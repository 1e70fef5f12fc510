using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Client.Tasks;

public enum FollowUpState
{
    Open,
    Done,
}

/// <summary>Work the rules ask of someone: follow up a low satisfaction score (BRM-10), and more to come.</summary>
public sealed record FollowUpTaskResponse(
    string Id,
    string Kind,
    string Title,
    string? Detail,
    string? AssigneeRole,
    string? AssigneeId,
    string SourceRecordId,
    DateTimeOffset DueAt,
    FollowUpState State,
    string? DoneNote,
    string ETag);

public sealed record CompleteTaskRequest([property: Required, StringLength(2000, MinimumLength = 3)] string? Note);
