using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Policies;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Bot.Cards.ViewModels;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// Names of services and groups and the category tree, which change rarely: cached for a few minutes so
/// cards show names without an API call per card, and read again when an unknown id turns up.
/// </summary>
public sealed class Catalog(TimeProvider time)
{
    public const string UnknownServiceId = "unknown-triage";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MissRetry = TimeSpan.FromSeconds(30);
    private Names? names;
    private Categories? categories;

    public async Task<string?> ServiceNameAsync(ItsmApiSession session, string serviceId, CancellationToken cancellationToken) =>
        (await NamesAsync(session, n => n.Services.ContainsKey(serviceId), cancellationToken)).Services.GetValueOrDefault(serviceId);

    public async Task<string?> GroupNameAsync(ItsmApiSession session, string? groupId, CancellationToken cancellationToken) =>
        groupId is null ? null : (await NamesAsync(session, n => n.Groups.ContainsKey(groupId), cancellationToken)).Groups.GetValueOrDefault(groupId);

    /// <summary>The services the person may report against (customers see their own), "I don't know" last.</summary>
    public static async Task<IReadOnlyList<CardChoice>> ServiceChoicesAsync(ItsmApiSession session, CancellationToken cancellationToken)
    {
        var services = await session.ServicesAsync(cancellationToken);
        return
        [
            .. services.Where(s => s.Id != UnknownServiceId).OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).Select(s => new CardChoice(s.Name, s.Id)),
            .. services.Where(s => s.Id == UnknownServiceId).Select(s => new CardChoice("I don't know", s.Id)),
        ];
    }

    /// <summary>Every category path of the tree ("Software", "Software > Email"...), as form choices.</summary>
    public async Task<IReadOnlyList<CardChoice>> CategoryChoicesAsync(ItsmApiSession session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (categories is { } cached && now - cached.LoadedAt < Lifetime)
        {
            return cached.Choices;
        }

        var tree = await session.CategoriesAsync(cancellationToken);
        var choices = tree.SelectMany(Flatten).Select(n => new CardChoice(n.Path, n.Path)).ToList();
        categories = new Categories(choices, now);
        return choices;
    }

    private static IEnumerable<CategoryNode> Flatten(CategoryNode node) => node.Children.SelectMany(Flatten).Prepend(node);

    private async Task<Names> NamesAsync(ItsmApiSession session, Func<Names, bool> has, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = names;
        if (current is not null && now - current.LoadedAt < (has(current) ? Lifetime : MissRetry))
        {
            return current;
        }

        var services = await session.ServicesAsync(cancellationToken);
        var groups = await session.GroupsAsync(cancellationToken);
        // Merged with what was known: a customer's call lists only their services, and names are not secret.
        var loaded = new Names(
            Merge(current?.Services, services.Select(s => KeyValuePair.Create(s.Id, s.Name))),
            Merge(current?.Groups, groups.Select(g => KeyValuePair.Create(g.Id, g.Name))),
            now);
        names = loaded;
        return loaded;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? known, IEnumerable<KeyValuePair<string, string>> fresh)
    {
        var merged = known is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(known, StringComparer.Ordinal);
        foreach (var (id, name) in fresh)
        {
            merged[id] = name;
        }

        return merged;
    }

    private sealed record Categories(IReadOnlyList<CardChoice> Choices, DateTimeOffset LoadedAt);

    private sealed record Names(IReadOnlyDictionary<string, string> Services, IReadOnlyDictionary<string, string> Groups, DateTimeOffset LoadedAt);
}
