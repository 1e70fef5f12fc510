using System.Globalization;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Tasks;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.Tasks;

/// <summary>A piece of follow-up work a rule assigns (BRM-10 low score, and others as processes need them).</summary>
public sealed class FollowUpTask : RecordDocument
{
    public const string Type = "task";

    public override string RecordType => Type;

    public required string Kind { get; init; }
    public required string Title { get; init; }
    public string? Detail { get; init; }
    public string? AssigneeRole { get; init; }
    public string? AssigneeId { get; init; }
    public required string SourceRecordId { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public FollowUpState State { get; set; } = FollowUpState.Open;
    public string? DoneNote { get; set; }

    public FollowUpTaskResponse ToResponse() =>
        new(Id, Kind, Title, Detail, AssigneeRole, AssigneeId, SourceRecordId, DueAt, State, DoneNote, ETag);
}

public sealed class TaskStore(IDocumentStore store, Partitions partitions, EventRelaySignal relay)
{
    private readonly RecordCollection<FollowUpTask> _tasks = new(store, partitions.For(FollowUpTask.Type));

    public static void DeclareIndexes(IServiceCollection services) =>
        services.AddStorageIndex("task-state", FollowUpTask.Type, new SortKey("state"), new SortKey("dueAt"));

    public async Task<string> NextIdAsync(CancellationToken cancellationToken) =>
        $"TASK-{(await store.IncrementCounterAsync(partitions.For("counter"), "task", cancellationToken)).ToString("D6", CultureInfo.InvariantCulture)}";

    public async Task<FollowUpTask> CreateAsync(FollowUpTask task, CancellationToken cancellationToken)
    {
        var stored = await _tasks.CreateAsync(task.Id, task, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    public async Task<FollowUpTask?> GetAsync(string id, CancellationToken cancellationToken) => (await _tasks.GetAsync(id, cancellationToken))?.Value;

    public async Task<FollowUpTask> ReplaceAsync(FollowUpTask task, CancellationToken cancellationToken)
    {
        var stored = await _tasks.ReplaceAsync(task.Id, task, task.ETag, cancellationToken);
        relay.Nudge();
        return stored.Value;
    }

    public async Task<IReadOnlyList<FollowUpTask>> ListAsync(FollowUpState state, CancellationToken cancellationToken) =>
        (await _tasks.QueryAsync(new DocumentQuery
        {
            Where = [new Eq("state", JsonValue.Create(state.ToString()))],
            OrderBy = [new SortKey("state"), new SortKey("dueAt")],
            PageSize = 200,
        }, cancellationToken)).Items.Select(i => i.Value).ToList();
}

/// <summary>Follow-up tasks: staff see them and complete them with a note.</summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync).WithSummary("Staff: open (or done) follow-up tasks, soonest due first.");
        group.MapPost("/{id}/complete", CompleteAsync).Validated<CompleteTaskRequest>().WithSummary("Complete a task with a note.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<FollowUpTaskResponse>>> ListAsync(Caller caller, TaskStore tasks, FollowUpState? state, CancellationToken cancellationToken)
    {
        RequireStaff(caller);
        IReadOnlyList<FollowUpTaskResponse> result = (await tasks.ListAsync(state ?? FollowUpState.Open, cancellationToken)).Select(t => t.ToResponse()).ToList();
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<FollowUpTaskResponse>> CompleteAsync(string id, CompleteTaskRequest request, Caller caller, TaskStore tasks, TimeProvider time, CancellationToken cancellationToken)
    {
        RequireStaff(caller);
        var task = await tasks.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Task", id);
        if (task.State == FollowUpState.Done)
        {
            throw Problems.Conflict($"{id} is already done.");
        }

        if (task.AssigneeId is { } assignee && assignee != caller.Id
            && !(task.AssigneeRole is { } role && Enum.TryParse<Client.ItsmRole>(role, out var needed) && caller.Has(needed)))
        {
            throw Problems.Forbidden($"{id} is assigned to someone else.", "SEC-01");
        }

        task.State = FollowUpState.Done;
        task.DoneNote = request.Note;
        task.Raise(caller.Actor, time.GetUtcNow(), "TaskCompleted", EventVisibility.Internal,
            [RecordDocument.Change("state", FollowUpState.Open, FollowUpState.Done)], data: new JsonObject { ["note"] = request.Note });
        return TypedResults.Ok((await tasks.ReplaceAsync(task, cancellationToken)).ToResponse());
    }

    private static void RequireStaff(Caller caller)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Follow-up tasks are for staff.", "SEC-01");
        }
    }
}
