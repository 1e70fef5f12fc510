using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.People;

/// <summary>A person known to ITSM: chat identities (SEC-02), ITSM roles and groups (SEC-01), customer link.</summary>
public sealed class Person : RecordDocument
{
    public const string Type = "person";

    public override string RecordType => Type;

    public required string DisplayName { get; set; }
    public required string Email { get; set; }

    /// <summary>Lower-cased email, for exact lookups.</summary>
    public string EmailKey { get; set; } = "";
    public string? EntraObjectId { get; set; }
    public List<ChatIdentity> ChatIdentities { get; set; } = [];

    /// <summary><c>platform|tenant|user</c> per chat identity, for exact lookups.</summary>
    public List<string> ChatKeys { get; set; } = [];
    public List<ItsmRole> Roles { get; set; } = [];
    public List<string> GroupIds { get; set; } = [];
    public string? CustomerId { get; set; }
    public string? ManagerId { get; set; }

    public static string ChatKey(ChatPlatform platform, string tenantId, string userId) =>
        $"{platform}|{tenantId}|{userId}".ToLowerInvariant();

    public void RefreshKeys()
    {
        EmailKey = Email.Trim().ToLowerInvariant();
        ChatKeys = ChatIdentities.Select(c => ChatKey(c.Platform, c.TenantId, c.UserId)).Distinct().ToList();
    }

    public PersonResponse ToResponse() => new()
    {
        Id = Id,
        DisplayName = DisplayName,
        Email = Email,
        ChatIdentities = ChatIdentities,
        Roles = Roles,
        GroupIds = GroupIds,
        CustomerId = CustomerId,
        ManagerId = ManagerId,
        EntraObjectId = EntraObjectId,
        ETag = ETag,
    };
}

/// <summary>A team of people: service desk, resolver group, change authority, security group...</summary>
public sealed class Group : RecordDocument
{
    public const string Type = "group";

    public override string RecordType => Type;

    public required string Name { get; set; }
    public required GroupKind Kind { get; set; }
    public string? LeadId { get; set; }

    /// <summary>Where the group is reached in chat (a Teams channel or Slack channel id).</summary>
    public string? ChannelRef { get; set; }
}

/// <summary>A customer organization (requirements §17), whose people see only their own services' records.</summary>
public sealed class Customer : RecordDocument
{
    public const string Type = "customer";

    public override string RecordType => Type;

    public required string Name { get; set; }
    public string? BusinessRelationshipManagerId { get; set; }
    public List<string> RepresentativeIds { get; set; } = [];
}
