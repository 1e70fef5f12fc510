using System.Security.Claims;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.People;
using ItsmChatOps.Api.Storage;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Api.Security;

/// <summary>
/// Turns an authenticated principal into a <see cref="Caller"/>. A person calling directly is found by
/// their Entra object id or email (and recorded on first sight with the roles of their token). The bot's
/// service identity names the person it acts for with <c>X-Itsm-Acting-Person</c> (a person id) or
/// <c>X-Itsm-Acting-Identity</c> (<c>platform|tenant|user</c>), and the channel with <c>X-Itsm-Channel</c>;
/// that person is then authorized by their own ITSM roles, never by the bot's (SEC-01, SEC-02).
/// </summary>
public sealed class CallerResolver(PeopleStore people, IOptions<ChatIdentityOptions> chatOptions, TimeProvider time)
{
    public const string ActingPersonHeader = ItsmApiClient.ActingPersonHeader;
    public const string ActingIdentityHeader = ItsmApiClient.ActingIdentityHeader;
    public const string ChannelHeader = ItsmApiClient.ChannelHeader;

    public async Task<Caller> ResolveAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(Caller), out var cached) && cached is Caller hit)
        {
            return hit;
        }

        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            throw Problems.Unauthenticated("A bearer token is required.");
        }

        var caller = TokenRoles.Has(principal, TokenRoles.Bot) ? await ForServiceAsync(context, principal)
            : TokenRoles.Has(principal, TokenRoles.Monitoring) ? ForMonitoring(principal)
            : await ForPersonAsync(principal, context.RequestAborted);
        context.Items[typeof(Caller)] = caller;
        return caller;
    }

    public async Task<ServiceCaller> ResolveServiceAsync(HttpContext context)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            throw Problems.Unauthenticated("A bearer token is required.");
        }

        if (TokenRoles.Has(principal, TokenRoles.Bot))
        {
            return new ServiceCaller { Id = ServiceId(principal) };
        }

        var person = await ForPersonAsync(principal, context.RequestAborted);
        if (!person.HasAny(ItsmRole.Admin, ItsmRole.Auditor))
        {
            throw Problems.Forbidden("Only the bot's service identity, administrators and auditors may use this.", "SEC-01");
        }

        return new ServiceCaller { Id = person.Id };
    }

    private async Task<Caller> ForServiceAsync(HttpContext context, ClaimsPrincipal principal)
    {
        var headers = context.Request.Headers;
        var channel = ParseChannel(headers[ChannelHeader].ToString());
        var identity = headers[ActingIdentityHeader].ToString();
        var personId = headers[ActingPersonHeader].ToString();
        Person? person;
        if (identity.Length > 0)
        {
            var parts = identity.Split('|');
            if (parts.Length != 3 || !Enum.TryParse<ChatPlatform>(parts[0], ignoreCase: true, out var platform) || parts[1].Length == 0 || parts[2].Length == 0)
            {
                throw Problems.BadRequest($"{ActingIdentityHeader} must be 'platform|tenant|user'.", ActingIdentityHeader);
            }

            if (!chatOptions.Value.IsAllowed(platform, parts[1]))
            {
                throw Problems.Forbidden($"The {platform} tenant or workspace '{parts[1]}' is not allowed to use this service.", "SEC-02");
            }

            person = await people.FindByChatKeyAsync(Person.ChatKey(platform, parts[1], parts[2]), context.RequestAborted)
                ?? throw Problems.Forbidden("This chat identity is not linked to a person known to the service desk.", "SEC-02");
        }
        else if (personId.Length > 0)
        {
            person = await people.GetAsync(personId, context.RequestAborted)
                ?? throw Problems.Forbidden($"Person '{personId}' is not known.", "SEC-02");
        }
        else
        {
            throw Problems.Unauthenticated($"A service identity must name the person it acts for ({ActingPersonHeader} or {ActingIdentityHeader}).");
        }

        return new Caller
        {
            Person = person,
            Roles = person.Roles.ToHashSet(),
            Actor = new Actor(person.Id, null, $"service:{ServiceId(principal)}", channel),
        };
    }

    private static Caller ForMonitoring(ClaimsPrincipal principal)
    {
        var id = $"monitoring:{ServiceId(principal)}";
        var name = TokenRoles.First(principal, "name", "unique_name") ?? "Monitoring";
        return new Caller
        {
            Person = new Person { Id = id, DisplayName = name, Email = "" },
            Roles = new HashSet<ItsmRole>(),
            Actor = new Actor(id, null, null, Channel.Api),
            IsMonitoring = true,
        };
    }

    private async Task<Caller> ForPersonAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var objectId = TokenRoles.First(principal, "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier");
        var email = new[] { "email", "preferred_username", "upn", "unique_name", "name", "sub" }
            .Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => v is not null && v.Contains('@', StringComparison.Ordinal));
        var person = (objectId is null ? null : await people.FindByEntraObjectIdAsync(objectId, cancellationToken))
            ?? (email is null ? null : await people.FindByEmailAsync(email, cancellationToken))
            ?? await ProvisionAsync(principal, objectId, email, cancellationToken);
        var roles = person.Roles.ToHashSet();
        roles.UnionWith(TokenRoles.ItsmRoles(principal));
        return new Caller { Person = person, Roles = roles, Actor = new Actor(person.Id, null, null, Channel.Api) };
    }

    /// <summary>A person seen for the first time with a valid token is recorded, so their records have an owner.</summary>
    private async Task<Person> ProvisionAsync(ClaimsPrincipal principal, string? objectId, string? email, CancellationToken cancellationToken)
    {
        if (email is null)
        {
            throw Problems.Forbidden("The token names no email address, so it cannot be linked to a person.", "SEC-02");
        }

        var now = time.GetUtcNow();
        var person = new Person
        {
            Id = PeopleStore.IdFor(email),
            DisplayName = TokenRoles.First(principal, "name") is { } name && !name.Contains('@', StringComparison.Ordinal) ? name : email,
            Email = email,
            EntraObjectId = objectId,
            Roles = TokenRoles.ItsmRoles(principal).ToList(),
            CreatedAt = now,
            CreatedBy = Actor.SystemId,
        };
        person.Raise(Actor.System, now, "PersonRegistered", Client.Events.EventVisibility.Internal);
        try
        {
            return await people.CreateAsync(person, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error == StoreError.Conflict)
        {
            return await people.GetAsync(person.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Person '{person.Id}' was created concurrently but cannot be read.", ex);
        }
    }

    private static string ServiceId(ClaimsPrincipal principal) =>
        TokenRoles.First(principal, "azp", "appid", "client_id", "sub", "name") ?? "unknown";

    private static Channel ParseChannel(string value) =>
        value.Length == 0 ? Channel.Api
        : Enum.TryParse<Channel>(value, ignoreCase: true, out var channel) && Enum.IsDefined(channel) ? channel
        : throw Problems.BadRequest($"{ChannelHeader} must be one of {string.Join(", ", Enum.GetNames<Channel>())}.", ChannelHeader);
}

/// <summary>The chat tenants (Teams) and workspaces (Slack) allowed to use the service (SEC-02).</summary>
public sealed class ChatIdentityOptions
{
    /// <summary>Entries <c>platform|tenant</c>, e.g. <c>Teams|72f988bf-...</c>, <c>Slack|T0123</c>, <c>WebChat|local</c>.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    public bool IsAllowed(ChatPlatform platform, string tenantId) =>
        AllowedTenants.Contains($"{platform}|{tenantId}", StringComparer.OrdinalIgnoreCase);
}
