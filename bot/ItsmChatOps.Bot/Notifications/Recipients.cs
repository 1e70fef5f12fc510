using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>
/// Expands an event's notify list into people: person ids as they are, <c>role:{ItsmRole}</c> to every
/// holder of the role and <c>group:{id}</c> to the group's members, each through the API's directory.
/// </summary>
public sealed class Recipients(ItsmApiClient api, ILogger<Recipients> logger)
{
    private const string RolePrefix = "role:";
    private const string GroupPrefix = "group:";

    /// <summary>War rooms are delivered to as rooms, not expanded into people.</summary>
    public const string RoomPrefix = "warroom:";

    public async Task<IReadOnlyList<PersonResponse>> ExpandAsync(IReadOnlyList<string> notify, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PersonResponse>(StringComparer.Ordinal);
        void Add(IEnumerable<PersonResponse> people)
        {
            foreach (var person in people)
            {
                found.TryAdd(person.Id, person);
            }
        }

        var ids = notify.Where(n => !n.StartsWith(RolePrefix, StringComparison.Ordinal) && !n.StartsWith(GroupPrefix, StringComparison.Ordinal)
            && !n.StartsWith(RoomPrefix, StringComparison.Ordinal)).ToList();
        if (ids.Count > 0)
        {
            Add(await api.DirectoryAsync(ids, cancellationToken: cancellationToken));
        }

        foreach (var entry in notify.Where(n => n.StartsWith(RolePrefix, StringComparison.Ordinal)))
        {
            if (Enum.TryParse<ItsmRole>(entry[RolePrefix.Length..], out var role) && Enum.IsDefined(role))
            {
                Add(await api.DirectoryAsync(role: role, cancellationToken: cancellationToken));
            }
            else
            {
                logger.LogWarning("Notify entry {Entry} names no known role; skipped", entry);
            }
        }

        foreach (var entry in notify.Where(n => n.StartsWith(GroupPrefix, StringComparison.Ordinal)))
        {
            Add(await api.DirectoryAsync(groupId: entry[GroupPrefix.Length..], cancellationToken: cancellationToken));
        }

        return [.. found.Values];
    }
}
