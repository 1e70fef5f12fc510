using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.People;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>Delivers one event to one person. Called once per (event, person): the claim is taken before.</summary>
public delegate Task NotificationHandler(EventResponse domainEvent, PersonResponse person, CancellationToken cancellationToken);

/// <summary>A handler per event kind, registered by the notice classes; kinds nobody registered are skipped.</summary>
public sealed class NotificationRoutes
{
    private readonly Dictionary<string, NotificationHandler> handlers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => handlers.Keys;

    public NotificationRoutes On(string kind, NotificationHandler handler)
    {
        handlers.Add(kind, handler);
        return this;
    }

    public NotificationHandler? For(string kind) => handlers.GetValueOrDefault(kind);
}

/// <summary>Something that registers handlers for the event kinds it knows.</summary>
public interface INotices
{
    void Register(NotificationRoutes routes);
}
