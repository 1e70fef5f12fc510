using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Client.People;

public enum ChatPlatform
{
    Teams,
    Slack,
    WebChat,
}

/// <summary>A person's identity on one chat platform (SEC-02).</summary>
public sealed record ChatIdentity(
    [property: Required] ChatPlatform Platform,
    [property: Required, StringLength(200)] string TenantId,
    [property: Required, StringLength(200)] string UserId);

/// <summary>
/// The bot links a Slack identity to the person whose email the workspace's directory (users.info) gives for it
/// (SEC-02). Only for workspaces on the allowed list; an identity already linked is returned as it is.
/// </summary>
public sealed record LinkChatIdentityRequest(
    [property: Required] ChatPlatform? Platform,
    [property: Required, StringLength(200, MinimumLength = 1)] string? TenantId,
    [property: Required, StringLength(200, MinimumLength = 1)] string? UserId,
    [property: Required, EmailAddress, StringLength(320)] string? Email);

public sealed record PersonResponse
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required string Email { get; init; }
    public IReadOnlyList<ChatIdentity> ChatIdentities { get; init; } = [];
    public IReadOnlyList<ItsmRole> Roles { get; init; } = [];
    public IReadOnlyList<string> GroupIds { get; init; } = [];
    public string? CustomerId { get; init; }
    public string? ManagerId { get; init; }
    public string? EntraObjectId { get; init; }
    public required string ETag { get; init; }
}

public sealed record UpsertPersonRequest
{
    [Required, StringLength(200, MinimumLength = 1)]
    public string? DisplayName { get; init; }

    [Required, EmailAddress, StringLength(320)]
    public string? Email { get; init; }

    [MaxLength(10)]
    public IReadOnlyList<ChatIdentity>? ChatIdentities { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<ItsmRole>? Roles { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? GroupIds { get; init; }

    [StringLength(100)]
    public string? CustomerId { get; init; }

    [StringLength(100)]
    public string? ManagerId { get; init; }

    [StringLength(100)]
    public string? EntraObjectId { get; init; }
}

public enum GroupKind
{
    ServiceDesk,
    Resolver,
    Supplier,
    ChangeAuthority,
    EmergencyChangeAuthority,
    Security,
}

public sealed record GroupResponse(string Id, string Name, GroupKind Kind, string? LeadId, string? ChannelRef, IReadOnlyList<string> MemberIds);

public sealed record CustomerResponse(string Id, string Name, string? BusinessRelationshipManagerId, IReadOnlyList<string> RepresentativeIds);
