using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Protocol.Connector;
using ItsmChatOps.Bot.State;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Delivers one event to each person it names, exactly once per (event, person) across bot instances and
/// restarts: the claim <c>notified:{event}:{person}</c> is created (create-only) in the API's bot state
/// before sending, and whoever fails to create it does not send. A send that fails for a passing reason
/// gives the claim back and the event is tried again on a later pass; after <see cref="MaxAttempts"/>
/// failures in a row it is given up with an error logged, so one event cannot hold back the rest.
/// </summary>
public sealed class NotificationDispatcher(NotificationRoutes routes, Recipients recipients, CardMemory claims, TimeProvider time,
    ILogger<NotificationDispatcher> logger)
{
    public const int MaxAttempts = 5;
    private (string EventId, int Attempts) failing;

    /// <summary>True when the event is done with (delivered, not for the bot, or given up); false to try it again later.</summary>
    public async Task<bool> DeliverAsync(EventResponse domainEvent, CancellationToken cancellationToken)
    {
        var handler = routes.For(domainEvent.Kind);
        var onEvent = routes.ForEvent(domainEvent.Kind);
        var onRoom = routes.ForRoom(domainEvent.Kind);
        if (handler is null && onEvent is null && onRoom is null)
        {
            return true;
        }

        try
        {
            if (onEvent is not null)
            {
                await OnceAsync(BotStateKeys.Notified(domainEvent.Id, "event"), () => onEvent(domainEvent, null, cancellationToken), domainEvent, cancellationToken);
            }

            foreach (var room in domainEvent.Notify.Where(n => n.StartsWith(Recipients.RoomPrefix, StringComparison.Ordinal)).Where(_ => onRoom is not null))
            {
                await OnceAsync(BotStateKeys.Notified(domainEvent.Id, room), () => onRoom!(domainEvent, room[Recipients.RoomPrefix.Length..], cancellationToken),
                    domainEvent, cancellationToken);
            }

            // Nobody is told about what they did themselves (a group's member who resolved it, for one), unless the kind asks for it.
            var people = handler is null || domainEvent.Notify.Count == 0 ? [] : await recipients.ExpandAsync(domainEvent.Notify, cancellationToken);
            foreach (var person in people.Where(p => p.Id != domainEvent.ActorId || routes.ToActorToo(domainEvent.Kind)))
            {
                await DeliverToAsync(handler!, domainEvent, person, cancellationToken);
            }

            failing = default;
            return true;
        }
        catch (Exception failure) when (IsPassing(failure) && !cancellationToken.IsCancellationRequested)
        {
            failing = failing.EventId == domainEvent.Id ? (domainEvent.Id, failing.Attempts + 1) : (domainEvent.Id, 1);
            if (failing.Attempts >= MaxAttempts)
            {
                logger.LogError(failure, "Giving up notifying event {EventId} ({Kind} on {RecordId}) after {Attempts} attempts",
                    domainEvent.Id, domainEvent.Kind, domainEvent.RecordId, MaxAttempts);
                failing = default;
                return true;
            }

            logger.LogWarning(failure, "Notifying event {EventId} ({Kind}) failed; it will be tried again", domainEvent.Id, domainEvent.Kind);
            return false;
        }
    }

    private Task DeliverToAsync(NotificationHandler handler, EventResponse domainEvent, PersonResponse person, CancellationToken cancellationToken) =>
        OnceAsync(BotStateKeys.Notified(domainEvent.Id, person.Id), () => handler(domainEvent, person, cancellationToken), domainEvent, cancellationToken, person.Id);

    /// <summary>Runs <paramref name="deliver"/> for the one instance that takes the claim; a passing failure gives the claim back.</summary>
    private async Task OnceAsync(string claim, Func<Task> deliver, EventResponse domainEvent, CancellationToken cancellationToken, string? personId = null)
    {
        if (!await claims.TryClaimAsync(claim, time.GetUtcNow(), cancellationToken))
        {
            return;
        }

        try
        {
            await deliver();
        }
        catch (Exception failure) when (IsPassing(failure))
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
        catch (ItsmApiException refused)
        {
            // A definite answer (the person may not see the record, it is gone): trying again would not change it.
            logger.LogInformation("Event {EventId} ({Kind}) not delivered to {PersonId}: {Reason}", domainEvent.Id, domainEvent.Kind, personId ?? claim, refused.Message);
        }
    }

    private static bool IsPassing(Exception failure) =>
        ApiProblems.IsTransient(failure) || failure is ConnectorException and not ConversationBlockedException;
}
