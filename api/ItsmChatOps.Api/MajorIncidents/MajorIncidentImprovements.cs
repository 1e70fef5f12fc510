using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Links;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using ItsmChatOps.Api.Tasks;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>
/// MAJ-09: once the incident manager approves the review, each action becomes an improvement item (a follow-up
/// task of kind ImprovementItem, standing in until the SIP register exists) or stays the problem it names, and
/// both are linked to the major incident. Item ids derive from the action, so a repeated reaction adds nothing.
/// </summary>
public sealed class ImprovementItemsOnClosure(MajorIncidentService majors, TaskStore tasks, LinkStore links) : IEventReaction
{
    public const string TaskKind = "ImprovementItem";

    public bool Handles(DomainEvent domainEvent) => domainEvent is { RecordType: MajorIncident.Type, Kind: "MajorIncidentClosed" };

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (await majors.Store.Records.GetAsync(domainEvent.RecordId, cancellationToken) is not { Review: { ApprovedAt: { } approvedAt } review } major)
        {
            return;
        }

        var policy = await majors.PolicyAsync(major, cancellationToken);
        var created = new Dictionary<int, string>();
        foreach (var action in review.Actions)
        {
            if (action.Kind == ReviewActionKind.Problem)
            {
                await links.AddAsync(major.Id, "Problem", action.ProblemId!, Actor.System, approvedAt, cancellationToken);
                continue;
            }

            var id = ItemId(major, action);
            var due = action.DueOn is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero) : approvedAt.AddDays(policy.ImprovementItemDueDays);
            await CreateTaskAsync(major, action, id, approvedAt, due, cancellationToken);
            await links.AddAsync(major.Id, TaskKind, id, Actor.System, approvedAt, cancellationToken);
            created[action.Number] = id;
        }

        if (created.Count == 0 || review.Actions.All(a => a.ImprovementItemId is not null || a.Kind == ReviewActionKind.Problem))
        {
            return;
        }

        await majors.ChangeAsSystemAsync(major.Id, (m, _, now) =>
        {
            m.Review!.Actions = m.Review.Actions.Select(a => created.TryGetValue(a.Number, out var item) ? a with { ImprovementItemId = item } : a).ToList();
            m.Raise(Actor.System, now, "ImprovementItemsCreated", EventVisibility.Internal, notify: [Incidents.Notify.Role(ItsmRole.IncidentManager)],
                data: new JsonObject { ["incidentId"] = m.IncidentId, ["itemIds"] = new JsonArray([.. created.Values.Select(v => (JsonNode?)JsonValue.Create(v))]) });
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary><c>SIP-</c> and the major incident's number and the action's, e.g. <c>SIP-000004-2</c>.</summary>
    public static string ItemId(MajorIncident major, ReviewAction action) => $"SIP-{major.Id[(MajorIncident.Prefix.Length + 1)..]}-{action.Number}";

    private async Task CreateTaskAsync(MajorIncident major, ReviewAction action, string id, DateTimeOffset at, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var task = new FollowUpTask
        {
            Id = id,
            Kind = TaskKind,
            Title = action.Text,
            Detail = $"From the review of major incident {major.Id} ({major.Summary}).",
            AssigneeId = action.OwnerId,
            AssigneeRole = action.OwnerId is null ? nameof(ItsmRole.IncidentManager) : null,
            SourceRecordId = major.Id,
            DueAt = due,
            CreatedAt = at,
            CreatedBy = Actor.SystemId,
        };
        task.Raise(Actor.System, at, "TaskCreated", EventVisibility.Internal, notify: [action.OwnerId ?? Incidents.Notify.Role(ItsmRole.IncidentManager)],
            data: new JsonObject { ["sourceRecordId"] = major.Id, ["incidentId"] = major.IncidentId });
        try
        {
            await tasks.CreateAsync(task, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            // Created by an earlier run of this reaction: events are delivered at least once.
        }
    }
}
