using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.People;

/// <summary>
/// People, groups and customers. Every request resolves its caller here, so lookups are cached for a
/// short time; a change made through this store refreshes the cache at once.
/// </summary>
public sealed class PeopleStore(IDocumentStore store, Partitions partitions, TimeProvider time)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly RecordCollection<Person> _people = new(store, partitions.For(Person.Type));
    private readonly RecordCollection<Group> _groups = new(store, partitions.For(Group.Type));
    private readonly RecordCollection<Customer> _customers = new(store, partitions.For(Customer.Type));
    private readonly ConcurrentDictionary<string, (Person? Person, DateTimeOffset Until)> _cache = new();

    public static void DeclareIndexes(IServiceCollection services)
    {
        services.AddStorageIndex("person-email", Person.Type, new SortKey("emailKey"));
        services.AddStorageIndex("person-entra", Person.Type, new SortKey("entraObjectId"));
    }

    public Task<Person?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Cached($"id:{id}", async () => (await _people.GetAsync(id, cancellationToken))?.Value);

    public Task<Person?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        Cached($"email:{email.ToLowerInvariant()}", () => FirstAsync(new Eq("emailKey", JsonValue.Create(email.Trim().ToLowerInvariant())), cancellationToken));

    public Task<Person?> FindByEntraObjectIdAsync(string objectId, CancellationToken cancellationToken = default) =>
        Cached($"oid:{objectId}", () => FirstAsync(new Eq("entraObjectId", JsonValue.Create(objectId)), cancellationToken));

    public Task<Person?> FindByChatKeyAsync(string chatKey, CancellationToken cancellationToken = default) =>
        Cached($"chat:{chatKey}", () => FirstAsync(new ArrayContains("chatKeys", JsonValue.Create(chatKey)), cancellationToken));

    public async Task<Person> CreateAsync(Person person, CancellationToken cancellationToken = default)
    {
        person.RefreshKeys();
        var stored = await _people.CreateAsync(person.Id, person, cancellationToken);
        _cache.Clear();
        return stored.Value;
    }

    public async Task<Person> ReplaceAsync(Person person, string ifMatch, CancellationToken cancellationToken = default)
    {
        person.RefreshKeys();
        var stored = await _people.ReplaceAsync(person.Id, person, ifMatch, cancellationToken);
        _cache.Clear();
        return stored.Value;
    }

    /// <summary>A stable id for a person first seen through a token: readable, and the same on every instance.</summary>
    public static string IdFor(string email)
    {
        var local = new string(email.Split('@')[0].ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())))[..6];
        return $"{(local.Length > 0 ? local : "person")}-{hash}";
    }

    public async Task<IReadOnlyList<Person>> MembersOfAsync(string groupId, CancellationToken cancellationToken = default)
    {
        var members = new List<Person>();
        await foreach (var item in _people.QueryAllAsync(new DocumentQuery { Where = [new ArrayContains("groupIds", JsonValue.Create(groupId))], PageSize = 200 }, cancellationToken))
        {
            members.Add(item.Value);
        }

        return members;
    }

    public async Task<IReadOnlyList<Person>> WithRoleAsync(Client.ItsmRole role, CancellationToken cancellationToken = default)
    {
        var people = new List<Person>();
        await foreach (var item in _people.QueryAllAsync(new DocumentQuery { Where = [new ArrayContains("roles", JsonValue.Create(role.ToString()))], PageSize = 200 }, cancellationToken))
        {
            people.Add(item.Value);
        }

        return people;
    }

    public async Task<(IReadOnlyList<Person> Items, string? Continuation)> ListAsync(string? text, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        var (items, next) = await _people.QueryAsync(new DocumentQuery
        {
            Where = text is null ? [] : [new AnyOf([new ContainsText("displayName", text), new ContainsText("emailKey", text)])],
            OrderBy = [new SortKey("emailKey")],
            PageSize = pageSize,
            Continuation = continuation,
        }, cancellationToken);
        return (items.Select(i => i.Value).ToList(), next);
    }

    public async Task<Group?> GetGroupAsync(string id, CancellationToken cancellationToken = default) =>
        (await _groups.GetAsync(id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<Group>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        var groups = new List<Group>();
        await foreach (var item in _groups.QueryAllAsync(new DocumentQuery { PageSize = 200 }, cancellationToken))
        {
            groups.Add(item.Value);
        }

        return groups;
    }

    public async Task<Customer?> GetCustomerAsync(string id, CancellationToken cancellationToken = default) =>
        (await _customers.GetAsync(id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<Customer>> ListCustomersAsync(CancellationToken cancellationToken = default)
    {
        var customers = new List<Customer>();
        await foreach (var item in _customers.QueryAllAsync(new DocumentQuery { PageSize = 200 }, cancellationToken))
        {
            customers.Add(item.Value);
        }

        return customers;
    }

    public Task CreateGroupAsync(Group group, CancellationToken cancellationToken = default) => _groups.CreateAsync(group.Id, group, cancellationToken);

    public Task CreateCustomerAsync(Customer customer, CancellationToken cancellationToken = default) => _customers.CreateAsync(customer.Id, customer, cancellationToken);

    private async Task<Person?> FirstAsync(Condition condition, CancellationToken cancellationToken)
    {
        var (items, _) = await _people.QueryAsync(new DocumentQuery { Where = [condition], PageSize = 1 }, cancellationToken);
        return items.Count > 0 ? items[0].Value : null;
    }

    private async Task<Person?> Cached(string key, Func<Task<Person?>> load)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now)
        {
            return hit.Person;
        }

        var person = await load();
        _cache[key] = (person, now + CacheFor);
        return person;
    }
}
