using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>Delivers one event to one person. Called once per (event, person): the claim is taken before.</summary>
public delegate Task NotificationHandler(EventResponse domainEvent, PersonResponse person, CancellationToken cancellationToken);

/// <summary>Acts on one event once, whoever it names (opening a war room); or delivers it into one room (<c>warroom:{id}</c>).</summary>
public delegate Task EventHandler(EventResponse domainEvent, string? room, CancellationToken cancellationToken);

/// <summary>A handler per event kind, registered by the notice classes; kinds nobody registered are skipped.</summary>
public sealed class NotificationRoutes
{
    private readonly Dictionary<string, NotificationHandler> handlers = new(StringComparer.Ordinal);
    private readonly HashSet<string> toActorToo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventHandler> onEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventHandler> onRoom = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => handlers.Keys;

    /// <summary>Runs once per event of the kind, whether or not it names anyone.</summary>
    public NotificationRoutes OnEvent(string kind, EventHandler handler)
    {
        onEvent.Add(kind, handler);
        return this;
    }

    /// <summary>Runs once per war room the event names (<c>warroom:{majorIncidentId}</c>).</summary>
    public NotificationRoutes OnRoom(string kind, EventHandler handler)
    {
        onRoom.Add(kind, handler);
        return this;
    }

    public EventHandler? ForEvent(string kind) => onEvent.GetValueOrDefault(kind);

    public EventHandler? ForRoom(string kind) => onRoom.GetValueOrDefault(kind);

    /// <summary>
    /// Handles <paramref name="kind"/>. People are not told of what they did themselves, unless <paramref name="actorToo"/>:
    /// a change manager who sends a change for approval is also one of its approvers and needs the card.
    /// </summary>
    public NotificationRoutes On(string kind, NotificationHandler handler, bool actorToo = false)
    {
        handlers.Add(kind, handler);
        if (actorToo)
        {
            toActorToo.Add(kind);
        }

        return this;
    }

    public bool ToActorToo(string kind) => toActorToo.Contains(kind);

    public NotificationHandler? For(string kind) => handlers.GetValueOrDefault(kind);
}

/// <summary>Something that registers handlers for the event kinds it knows.</summary>
public interface INotices
{
    void Register(NotificationRoutes routes);
}
