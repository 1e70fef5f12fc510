using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Api.People;

/// <summary>People, groups and customers (SEC-01, SEC-02).</summary>
public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var people = routes.MapGroup("/api/people").WithTags("People");
        routes.MapGet("/api/me", Me).WithTags("People").WithSummary("The person the request acts as, with the ITSM roles in effect.");
        people.MapGet("/", ListAsync).WithSummary("Staff: find people by name or email.");
        people.MapGet("/directory", DirectoryAsync).WithSummary("The bot: people by ids, ITSM role or group, with their chat identities, to deliver notifications.");
        people.MapGet("/resolve", ResolveAsync).WithSummary("The bot: the person a chat identity maps to (SEC-02); 404 when unmapped, 403 for a tenant not allowed.");
        people.MapPost("/link", LinkAsync).Validated<LinkChatIdentityRequest>()
            .WithSummary("The bot: link a Slack identity to the person with the email Slack's directory gives for it (SEC-02); 404 when nobody has it.");
        people.MapGet("/{id}", GetAsync).WithSummary("One person (staff, or yourself).");
        people.MapPut("/{id}", UpsertAsync).Validated<UpsertPersonRequest>().WithSummary("Administrators: create or update a person, their chat identities and roles.");
        routes.MapGet("/api/groups", GroupsAsync).WithTags("People").WithSummary("Groups: service desk, resolver groups, change authorities, security.");
        routes.MapGet("/api/customers", CustomersAsync).WithTags("People").WithSummary("Customers (staff).");
        return routes;
    }

    private static Ok<PersonResponse> Me(Caller caller) =>
        TypedResults.Ok(caller.Person.ToResponse() with { Roles = caller.Roles.Order().ToList() });

    private static async Task<Ok<Page<PersonResponse>>> ListAsync(Caller caller, PeopleStore people, string? text, int? pageSize, string? continuation, CancellationToken cancellationToken)
    {
        RequireStaff(caller);
        var (items, next) = await people.ListAsync(text, Math.Clamp(pageSize ?? 50, 1, 200), continuation, cancellationToken);
        return TypedResults.Ok(new Page<PersonResponse>(items.Select(p => p.ToResponse()).ToList(), next));
    }

    private static async Task<Ok<PersonResponse>> GetAsync(string id, Caller caller, PeopleStore people, CancellationToken cancellationToken)
    {
        if (id != caller.Id)
        {
            RequireStaff(caller);
        }

        var person = await people.GetAsync(id, cancellationToken) ?? throw Problems.NotFound("Person", id);
        return TypedResults.Ok(person.ToResponse());
    }

    private static async Task<Ok<IReadOnlyList<PersonResponse>>> DirectoryAsync(ServiceCaller service, PeopleStore people, string? ids, ItsmRole? role, string? groupId,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Person>();
        foreach (var id in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(200))
        {
            if (await people.GetAsync(id, cancellationToken) is { } person)
            {
                found[person.Id] = person;
            }
        }

        foreach (var person in role is { } r ? await people.WithRoleAsync(r, cancellationToken) : [])
        {
            found[person.Id] = person;
        }

        foreach (var person in groupId is { } g ? await people.MembersOfAsync(g, cancellationToken) : [])
        {
            found[person.Id] = person;
        }

        IReadOnlyList<PersonResponse> result = found.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => p.ToResponse()).ToList();
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<PersonResponse>> ResolveAsync(ServiceCaller service, PeopleStore people, IOptions<ChatIdentityOptions> options,
        ChatPlatform platform, string tenantId, string userId, CancellationToken cancellationToken)
    {
        if (!options.Value.IsAllowed(platform, tenantId))
        {
            throw Problems.Forbidden($"The {platform} tenant or workspace '{tenantId}' is not allowed to use this service.", "SEC-02");
        }

        var person = await people.FindByChatKeyAsync(Person.ChatKey(platform, tenantId, userId), cancellationToken)
            ?? throw Problems.NotFound("Chat identity", $"{platform}|{tenantId}|{userId}");
        return TypedResults.Ok(person.ToResponse());
    }

    private static async Task<Ok<PersonResponse>> LinkAsync(LinkChatIdentityRequest request, ServiceCaller service, PeopleStore people,
        IOptions<ChatIdentityOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var platform = request.Platform!.Value;
        if (platform != ChatPlatform.Slack)
        {
            // Teams identities are Entra object ids; only Slack's directory vouches for an email.
            throw Problems.Unprocessable("Only Slack identities are linked by email.", "SEC-02", "platform");
        }

        if (!options.Value.IsAllowed(platform, request.TenantId!))
        {
            throw Problems.Forbidden($"The {platform} tenant or workspace '{request.TenantId}' is not allowed to use this service.", "SEC-02");
        }

        var key = Person.ChatKey(platform, request.TenantId!, request.UserId!);
        // The same person's first messages can arrive together on several bot instances: a lost race re-reads and finds the link made.
        for (var attempt = 1; ; attempt++)
        {
            if (await people.FindByChatKeyAsync(key, cancellationToken) is { } linked)
            {
                return TypedResults.Ok(linked.ToResponse());
            }

            var person = await people.FindByEmailAsync(request.Email!, cancellationToken) ?? throw Problems.NotFound("Person with email", request.Email!);
            var inWorkspace = person.ChatIdentities.Where(c => c.Platform == platform && string.Equals(c.TenantId, request.TenantId, StringComparison.OrdinalIgnoreCase)).ToList();
            if (inWorkspace.Any(c => string.Equals(c.UserId, request.UserId, StringComparison.OrdinalIgnoreCase)))
            {
                return TypedResults.Ok(person.ToResponse()); // linked meanwhile; the lookup by chat key may not see it yet
            }

            if (inWorkspace.Count > 0)
            {
                throw Problems.Duplicate($"{person.Id} already has another {platform} identity in workspace '{request.TenantId}'.", "SEC-02");
            }

            var before = person.ChatIdentities.ToList();
            person.ChatIdentities.Add(new ChatIdentity(platform, request.TenantId!, request.UserId!));
            person.Raise(new Actor(person.Id, null, $"service:{service.Id}", Channel.Slack), time.GetUtcNow(), "ChatIdentityLinked", Client.Events.EventVisibility.Internal,
                [Records.RecordDocument.Change("chatIdentities", before, person.ChatIdentities)]);
            try
            {
                return TypedResults.Ok((await people.ReplaceAsync(person, person.ETag, cancellationToken)).ToResponse());
            }
            catch (StoreException ex) when (ex.Error is StoreError.PreconditionFailed or StoreError.Conflict && attempt < 3)
            {
                // Changed meanwhile (most likely linked by the concurrent request): read again.
            }
            catch (StoreException ex) when (ex.Error is StoreError.PreconditionFailed or StoreError.Conflict)
            {
                throw Problems.StaleETag(person.Id);
            }
        }
    }

    private static async Task<Results<Ok<PersonResponse>, Created<PersonResponse>>> UpsertAsync(string id, UpsertPersonRequest request, Caller caller,
        PeopleStore people, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        caller.Require("SEC-01", ItsmRole.Admin);
        var now = time.GetUtcNow();
        foreach (var identity in request.ChatIdentities ?? [])
        {
            var holder = await people.FindByChatKeyAsync(Person.ChatKey(identity.Platform, identity.TenantId, identity.UserId), cancellationToken);
            if (holder is not null && holder.Id != id)
            {
                throw Problems.Duplicate($"That {identity.Platform} identity already belongs to {holder.Id}.", "SEC-02");
            }
        }

        var existing = await people.GetAsync(id, cancellationToken);
        var person = new Person
        {
            Id = id,
            DisplayName = request.DisplayName!,
            Email = request.Email!,
            ChatIdentities = request.ChatIdentities?.ToList() ?? [],
            Roles = request.Roles?.Distinct().ToList() ?? [],
            GroupIds = request.GroupIds?.Distinct().ToList() ?? [],
            CustomerId = request.CustomerId,
            ManagerId = request.ManagerId,
            EntraObjectId = request.EntraObjectId,
            CreatedAt = existing?.CreatedAt ?? now,
            CreatedBy = existing?.CreatedBy ?? caller.Id,
            EventSeq = existing?.EventSeq ?? 0,
            Events = existing?.Events ?? [],
        };
        person.Raise(caller.Actor, now, existing is null ? "PersonRegistered" : "PersonUpdated", Client.Events.EventVisibility.Internal,
        [
            Records.RecordDocument.Change("roles", existing?.Roles, person.Roles),
            Records.RecordDocument.Change("groupIds", existing?.GroupIds, person.GroupIds),
            Records.RecordDocument.Change("chatIdentities", existing?.ChatIdentities, person.ChatIdentities),
        ]);
        try
        {
            if (existing is null)
            {
                var created = await people.CreateAsync(person, cancellationToken);
                return TypedResults.Created($"/api/people/{id}", created.ToResponse());
            }

            var ifMatch = ETags.IfMatch(context) ?? existing.ETag;
            return TypedResults.Ok((await people.ReplaceAsync(person, ifMatch, cancellationToken)).ToResponse());
        }
        catch (StoreException ex) when (ex.Error is StoreError.PreconditionFailed or StoreError.Conflict)
        {
            throw Problems.StaleETag(id);
        }
    }

    private static async Task<Ok<IReadOnlyList<GroupResponse>>> GroupsAsync(Caller caller, PeopleStore people, CancellationToken cancellationToken)
    {
        var result = new List<GroupResponse>();
        foreach (var group in await people.ListGroupsAsync(cancellationToken))
        {
            var members = caller.IsStaff ? (await people.MembersOfAsync(group.Id, cancellationToken)).Select(p => p.Id).ToList() : [];
            result.Add(new GroupResponse(group.Id, group.Name, group.Kind, group.LeadId, group.ChannelRef, members));
        }

        return TypedResults.Ok<IReadOnlyList<GroupResponse>>(result);
    }

    private static async Task<Ok<IReadOnlyList<CustomerResponse>>> CustomersAsync(Caller caller, PeopleStore people, CancellationToken cancellationToken)
    {
        RequireStaff(caller);
        IReadOnlyList<CustomerResponse> customers = (await people.ListCustomersAsync(cancellationToken))
            .Select(c => new CustomerResponse(c.Id, c.Name, c.BusinessRelationshipManagerId, c.RepresentativeIds)).ToList();
        return TypedResults.Ok(customers);
    }

    private static void RequireStaff(Caller caller)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Only staff can look up other people.", "SEC-01");
        }
    }
}
