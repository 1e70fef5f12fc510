using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.People;

namespace ItsmChatOps.Api.Security;

/// <summary>
/// The person a request acts as, with the ITSM roles they hold, and how the action is recorded.
/// Handlers take it as a parameter; binding fails with 401 when there is no authenticated person (a
/// service identity must name the person it acts for, SEC-01) and 403 for unmapped chat identities.
/// </summary>
public sealed class Caller
{
    public required Person Person { get; init; }
    public required IReadOnlySet<ItsmRole> Roles { get; init; }
    public required Actor Actor { get; init; }

    /// <summary>A monitoring tool's service principal: it raises and clears alert incidents only (INC-02, INC-06).</summary>
    public bool IsMonitoring { get; init; }

    public string Id => Person.Id;

    public bool Has(ItsmRole role) => Roles.Contains(role);

    public bool HasAny(params ItsmRole[] roles) => roles.Any(Roles.Contains);

    /// <summary>Staff hold at least one ITSM role or belong to a group; everyone else is an end user or a customer.</summary>
    public bool IsStaff => Roles.Count > 0 || Person.GroupIds.Count > 0;

    public bool IsCustomerUser => !IsStaff && Person.CustomerId is not null;

    public bool InGroup(string? groupId) => groupId is not null && Person.GroupIds.Contains(groupId);

    public static async ValueTask<Caller?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(context);

    public void Require(string requirement, params ItsmRole[] anyOf)
    {
        if (!HasAny(anyOf))
        {
            throw Problems.Forbidden($"This needs one of these roles: {string.Join(", ", anyOf)}.", requirement);
        }
    }
}

/// <summary>
/// A trusted service acting for itself (the bot reading the event feed or keeping its state), or an
/// administrator or auditor. No acting person is needed.
/// </summary>
public sealed class ServiceCaller
{
    public required string Id { get; init; }

    public static async ValueTask<ServiceCaller?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<CallerResolver>().ResolveServiceAsync(context);
}
