using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.KnownErrors;
using ItsmChatOps.Api.Links;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>
/// PRB-07: what a linked change's progress does to problems and known errors. Change events are read by
/// kind and state: a <c>state</c> field change, or a kind such as <c>ChangeScheduled</c>; a closure
/// counts as successful only with <c>outcome</c> Successful in its data. The problems and known errors
/// to move are found through the link store (they link the change when it is linked to them).
/// </summary>
public sealed class ChangeReactions(ProblemService problems, KnownErrorService knownErrors, LinkStore links) : IEventReaction
{
    public const string ChangeRecordType = "change";
    public const string FixedByLink = "FixedByChange";

    public bool Handles(DomainEvent domainEvent) => domainEvent.RecordType == ChangeRecordType;

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (StatusOf(domainEvent) is not { } status)
        {
            return;
        }

        var scheduledFor = ScheduledFor(domainEvent.Data);
        foreach (var link in (await links.OfAsync(domainEvent.RecordId, cancellationToken)).Where(l => l.Kind == FixedByLink && l.ToId == domainEvent.RecordId))
        {
            if (await problems.Records.GetAsync(link.FromId, cancellationToken) is { } problem)
            {
                var audience = await problems.AudienceAsync(problem, cancellationToken);
                await problems.ChangeAsSystemAsync(problem.Id, (p, _, now) => ProblemTransitions.ChangeMoved(p, domainEvent.RecordId, status, scheduledFor, audience, now), cancellationToken);
            }
            else if (await knownErrors.Records.GetAsync(link.FromId, cancellationToken) is { State: not KnownErrorState.Closed })
            {
                await knownErrors.ChangeAsSystemAsync(link.FromId, (e, _, now) =>
                {
                    var index = e.Changes.FindIndex(c => c.ChangeId == domainEvent.RecordId);
                    if (index >= 0)
                    {
                        e.Changes[index] = e.Changes[index] with { Status = status, UpdatedAt = now };
                    }

                    KnownErrorRules.ChangeMoved(e, status, now);
                }, cancellationToken);
            }
        }
    }

    /// <summary>The change's new status as far as problem management cares, or null for events that do not move it.</summary>
    public static LinkedChangeStatus? StatusOf(DomainEvent domainEvent)
    {
        var state = EventReactions.NewValue(domainEvent, "state")
            ?? (domainEvent.Kind.StartsWith("Change", StringComparison.Ordinal) ? domainEvent.Kind["Change".Length..] : null);
        var outcome = domainEvent.Data?["outcome"] is JsonValue v && v.TryGetValue(out string? text) ? text : null;
        return state switch
        {
            "Submitted" => LinkedChangeStatus.Submitted,
            "Approved" => LinkedChangeStatus.Approved,
            "Scheduled" => LinkedChangeStatus.Scheduled,
            "Implemented" => LinkedChangeStatus.Implemented,
            "Rejected" => LinkedChangeStatus.Rejected,
            "Cancelled" => LinkedChangeStatus.Cancelled,
            "BackedOut" => LinkedChangeStatus.BackedOut,
            "Failed" => LinkedChangeStatus.Failed,
            "Closed" when string.Equals(outcome, "Successful", StringComparison.OrdinalIgnoreCase) => LinkedChangeStatus.ClosedSuccessful,
            "Closed" => LinkedChangeStatus.Failed,
            _ => null,
        };
    }

    private static DateTimeOffset? ScheduledFor(JsonObject? data) =>
        (data?["scheduledFor"] ?? data?["window"]?["start"]) is JsonValue value && value.TryGetValue(out string? text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
