using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ItsmChatOps.Api.Client.People;

namespace ItsmChatOps.Api.Client.MajorIncidents;

/// <summary>Declare a major incident without a matching rule (MAJ-01, MAJ-02), naming its manager (MAJ-03).</summary>
public sealed record DeclareMajorIncidentRequest
{
    [Required, StringLength(100)]
    public string? IncidentId { get; init; }

    [Required, StringLength(100)]
    public string? ManagerId { get; init; }

    [Required, StringLength(1000, MinimumLength = 3)]
    public string? Reason { get; init; }
}

/// <summary>Move a major incident along §16.2; Declared needs <see cref="ManagerId"/>, Rejected and Downgraded a reason.</summary>
public sealed record TransitionMajorIncidentRequest
{
    [Required]
    public MajorIncidentState? To { get; init; }

    [StringLength(1000)]
    public string? Reason { get; init; }

    [StringLength(100)]
    public string? ManagerId { get; init; }
}

/// <summary>
/// Edit the headline and the affected customers. The manager cannot be changed here: sending
/// <c>managerId</c> empty is refused (MAJ-03: never empty), and naming someone else is a handover.
/// </summary>
public sealed record UpdateMajorIncidentRequest
{
    private readonly string? managerId;

    [StringLength(200, MinimumLength = 3)]
    public string? Summary { get; init; }

    [MaxLength(50)]
    public IReadOnlyList<string>? AffectedCustomerIds { get; init; }

    [StringLength(100)]
    public string? ManagerId
    {
        get => managerId;
        init
        {
            managerId = value;
            ManagerIdSent = true;
        }
    }

    /// <summary>True when the body named <c>managerId</c> at all, even as null.</summary>
    [JsonIgnore]
    public bool ManagerIdSent { get; private init; }
}

/// <summary>Offer the manager role to someone (MAJ-03); the current manager stays responsible until they accept.</summary>
public sealed record OfferHandoverRequest
{
    [Required, StringLength(100)]
    public string? ToId { get; init; }

    [StringLength(1000)]
    public string? Note { get; init; }
}

public sealed record DeclineHandoverRequest([property: StringLength(1000)] string? Reason);

/// <summary>A stakeholder update (MAJ-06); the next one is due after <see cref="NextUpdateInMinutes"/> or the policy's interval.</summary>
public sealed record PostStatusUpdateRequest
{
    [Required, StringLength(2000, MinimumLength = 3)]
    public string? Status { get; init; }

    [Required, StringLength(2000, MinimumLength = 3)]
    public string? BusinessImpact { get; init; }

    [Required, StringLength(2000, MinimumLength = 3)]
    public string? Actions { get; init; }

    [StringLength(2000)]
    public string? Workaround { get; init; }

    [Range(5, 1440)]
    public int? NextUpdateInMinutes { get; init; }
}

/// <summary>The channel the bot opened or someone linked as the war room (MAJ-05).</summary>
public sealed record RecordWarRoomRequest
{
    [Required]
    public ChatPlatform? Platform { get; init; }

    [Required]
    public WarRoomMode? Mode { get; init; }

    [Required, StringLength(500)]
    public string? ChannelId { get; init; }

    [Required, StringLength(2000)]
    public string? Link { get; init; }

    /// <summary>Why the room is not what was asked for (for example a thread because the bot may not create channels).</summary>
    [StringLength(1000)]
    public string? Notice { get; init; }
}

/// <summary>Invite more people to the war room (MAJ-04, MAJ-05).</summary>
public sealed record InviteToWarRoomRequest([property: Required, MinLength(1), MaxLength(50)] IReadOnlyList<string>? PersonIds);

/// <summary>The bot reports that it archived the war room channel after the review closed (MAJ-05).</summary>
public sealed record WarRoomArchivedReport([property: Required, StringLength(500)] string? ChannelId);

/// <summary>A timeline entry copied from chat (MAJ-05), with the link of the message it came from.</summary>
public sealed record AddTimelineEntryRequest
{
    [Required, StringLength(4000, MinimumLength = 1)]
    public string? Text { get; init; }

    [StringLength(2000)]
    public string? MessageUrl { get; init; }

    [Required]
    public TimelineSource? Source { get; init; }

    /// <summary>Who wrote the message, when someone else adds it to the timeline.</summary>
    [StringLength(100)]
    public string? MessageAuthorId { get; init; }
}

/// <summary>Link an incident as a child of the major incident (MAJ-08).</summary>
public sealed record LinkChildIncidentRequest([property: Required, StringLength(100)] string? IncidentId);

/// <summary>Save the review (MAJ-09); <see cref="Complete"/> marks it ready for the incident manager's approval.</summary>
public sealed record SaveReviewRequest
{
    [StringLength(4000)]
    public string? WhatWorked { get; init; }

    [StringLength(4000)]
    public string? WhatDidNotWork { get; init; }

    public bool? RootCauseKnown { get; init; }

    [MaxLength(30)]
    public IReadOnlyList<ReviewActionRequest>? Actions { get; init; }

    public bool Complete { get; init; }
}

public sealed record ReviewActionRequest
{
    [Required, StringLength(1000, MinimumLength = 3)]
    public string? Text { get; init; }

    [Required]
    public ReviewActionKind? Kind { get; init; }

    [StringLength(100)]
    public string? OwnerId { get; init; }

    /// <summary>The problem the action is, for <see cref="ReviewActionKind.Problem"/> (PRB-nnnnnn).</summary>
    [StringLength(100)]
    public string? ProblemId { get; init; }

    /// <summary>When the action is due (UTC day); the improvement item gets it, or the policy's default when absent.</summary>
    public DateOnly? DueOn { get; init; }
}
