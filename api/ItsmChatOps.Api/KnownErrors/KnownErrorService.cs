using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Knowledge;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.ProblemManagement;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.KnownErrors;

/// <summary>Known errors: created from problems with their KB entry in Draft (PRB-04, KB-05), published through it, edited into new KB versions.</summary>
public sealed class KnownErrorService(IDocumentStore store, Partitions partitions, EventRelaySignal relay, KnowledgeService knowledge, PolicyStore policies, TimeProvider time)
{
    public NumberedRecords<KnownError> Records { get; } = new(store, partitions, relay, KnownError.Type, "KE");

    public async Task<ProblemPolicy> PolicyAsync(CancellationToken cancellationToken) =>
        (await policies.CurrentAsync<ProblemPolicy>(ProblemPolicy.Kind, cancellationToken)).Body;

    /// <summary>PRB-04: the known error of a problem whose root cause was found, with its KB entry in Draft (KB-05).</summary>
    public async Task<KnownError> CreateForProblemAsync(Problem problem, string title, string? symptoms, List<string> services, List<string> cis, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var error = new KnownError
        {
            Id = await Records.NextIdAsync(cancellationToken),
            ProblemId = problem.Id,
            Title = title,
            Symptoms = symptoms ?? problem.Description,
            RootCause = problem.RootCause,
            Workaround = problem.Workarounds.LastOrDefault()?.Text,
            Source = KnownErrorSource.Problem,
            AffectedServiceIds = services,
            SuspectedCiIds = cis,
            ProblemManagerId = problem.OwnerId,
            CreatedAt = now,
            CreatedBy = actor.Id,
        };
        var entry = await knowledge.CreateAsSystemAsync(KnowledgeKind.KnownError, EntryContent(error), problem.OwnerId, item =>
        {
            item.KnownErrorId = error.Id;
            item.ProblemId = problem.Id;
        }, actor, cancellationToken);
        error.WorkaroundKbId = entry.Id;
        error.Raise(actor, now, "KnownErrorCreated", EventVisibility.Internal, notify: [problem.OwnerId],
            data: new JsonObject { ["problemId"] = problem.Id, ["knowledgeItemId"] = entry.Id, ["title"] = title });
        return await Records.CreateAsync(error, cancellationToken);
    }

    /// <summary>Known errors are for staff; others learn nothing of them (404).</summary>
    public async Task<KnownError> ReadAsync(string id, Caller caller, CancellationToken cancellationToken) =>
        caller.IsStaff && await Records.GetAsync(id, cancellationToken) is { } error ? error : throw Problems.NotFound("Known error", id);

    public async Task<KnownError> ChangeAsync(string id, Caller caller, string? ifMatch, Func<KnownError, ProblemPolicy, DateTimeOffset, Task> apply, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(cancellationToken);
        return await Records.ChangeAsync(id, ifMatch, (key, ct) => ReadAsync(key, caller, ct), error => apply(error, policy, time.GetUtcNow()), cancellationToken);
    }

    public async Task<KnownError> ChangeAsSystemAsync(string id, Action<KnownError, ProblemPolicy, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(cancellationToken);
        return await Records.ChangeAsync(id, null, async (key, ct) => await Records.GetAsync(key, ct) ?? throw Problems.NotFound("Known error", key), error =>
        {
            apply(error, policy, time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>§16.4 Draft → Published happens when the KB entry is published (KB-05): then the service desk finds it.</summary>
    public async Task KnowledgePublishedAsync(KnowledgeItem item, Caller caller, CancellationToken cancellationToken)
    {
        if (item is not { IsLive: true, KnownErrorId: { } errorId } || await Records.GetAsync(errorId, cancellationToken) is not { State: KnownErrorState.Draft })
        {
            return;
        }

        var policy = await PolicyAsync(cancellationToken);
        await ChangeAsSystemAsync(errorId, (error, _, now) =>
        {
            if (error.State == KnownErrorState.Draft)
            {
                KnownErrorRules.Move(error, KnownErrorState.Published, caller.Actor, now, $"KB entry {item.Id} published.");
                error.Raise(caller.Actor, now, "KnownErrorPublished", EventVisibility.Internal, notify: [Incidents.Notify.Group(policy.ServiceDeskGroupId)],
                    data: new JsonObject { ["knowledgeItemId"] = item.Id, ["title"] = error.Title });
            }
        }, cancellationToken);
    }

    /// <summary>KB-05: a changed workaround, symptom or root cause becomes the KB entry's next version.</summary>
    public async Task<KnownError> UpdateAsync(string id, UpdateKnownErrorRequest request, Caller caller, string? ifMatch, CancellationToken cancellationToken)
    {
        var error = await ChangeAsync(id, caller, ifMatch, (error, _, now) =>
        {
            KnownErrorRules.RequireEditor(caller);
            if (!error.IsOpen)
            {
                throw Problems.Conflict($"{error.Id} is Closed.", "PRB-05");
            }

            var changes = new List<FieldChange>();
            void Set(string field, string? current, string? value, Action<string> apply)
            {
                if (value is not null && value != current)
                {
                    changes.Add(RecordDocument.Change(field, current, value));
                    apply(value);
                }
            }

            Set("symptoms", error.Symptoms, request.Symptoms, v => error.Symptoms = v);
            Set("rootCause", error.RootCause, request.RootCause, v => error.RootCause = v);
            Set("workaround", error.Workaround, request.Workaround, v => error.Workaround = v);
            error.AffectedServiceIds = request.AffectedServiceIds is { Count: > 0 } services ? [.. services] : error.AffectedServiceIds;
            error.SuspectedCiIds = request.SuspectedCiIds is { Count: > 0 } cis ? [.. cis] : error.SuspectedCiIds;
            error.Raise(caller.Actor, now, "KnownErrorUpdated", EventVisibility.Internal, changes);
            return Task.CompletedTask;
        }, cancellationToken);
        if (error.WorkaroundKbId is { } entry)
        {
            await knowledge.ChangeAsSystemAsync(entry, (item, _, now) => KnowledgeRules.Edit(item, _ => EntryContent(error) with { Audience = item.Content.Audience }, caller.Actor, now), cancellationToken);
        }

        return error;
    }

    /// <summary>The KB entry's text: what users see going wrong, why, and what to do meanwhile.</summary>
    public static KnowledgeContent EntryContent(KnownError error) => new()
    {
        Title = error.Title,
        Body = string.Join("\n", new[]
        {
            error.Symptoms is { } s ? $"Symptoms: {s}" : null,
            error.RootCause is { } r ? $"Cause: {r}" : null,
            error.Workaround is { } w ? $"Workaround: {w}" : "Workaround: none yet.",
        }.Where(l => l is not null)),
        Audience = KnowledgeAudience.Agents,
        Symptoms = error.Symptoms,
        ServiceIds = [.. error.AffectedServiceIds],
        CiIds = [.. error.SuspectedCiIds],
    };
}
