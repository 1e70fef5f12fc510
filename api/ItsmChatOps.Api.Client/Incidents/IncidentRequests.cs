using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace ItsmChatOps.Api.Client.Incidents;

/// <summary>Raise an incident. Summary, service, impact and urgency are required (INC-01).</summary>
public sealed record CreateIncidentRequest : IValidatableObject
{
    [Required, StringLength(200, MinimumLength = 3)]
    public string? Summary { get; init; }

    [StringLength(8000)]
    public string? Description { get; init; }

    /// <summary>A Live catalogue service, or <c>unknown-triage</c> when the caller cannot tell (SLM-01).</summary>
    [Required, StringLength(100)]
    public string? ServiceId { get; init; }

    [Required]
    public Impact? Impact { get; init; }

    [Required]
    public Urgency? Urgency { get; init; }

    /// <summary>A category path from the category tree, e.g. <c>Software/Email</c> (INC-04).</summary>
    [StringLength(200)]
    public string? Category { get; init; }

    [MaxLength(20)]
    public IReadOnlyList<string>? CiIds { get; init; }

    /// <summary>"Could this be a security issue?" (SEC-03).</summary>
    public bool? Security { get; init; }

    /// <summary>Defaults to Chat when the bot raises it, Api otherwise; agents logging for a caller name the contact route.</summary>
    public IncidentSource? Source { get; init; }

    /// <summary>The caller an agent logs for (INC-02 b); defaults to the acting person.</summary>
    [StringLength(100)]
    public string? ReporterId { get; init; }

    /// <summary>Required from monitoring: while an incident with this key is open, alerts add occurrences (INC-02 a).</summary>
    [StringLength(200)]
    public string? DedupeKey { get; init; }

    public ChatMessageReference? ChatMessage { get; init; }

    [StringLength(200)]
    public string? Location { get; init; }

    [StringLength(200)]
    public string? BusinessArea { get; init; }

    [StringLength(100)]
    public string? SymptomCode { get; init; }

    /// <summary>Not accepted: priority is computed from impact × urgency (SLM-05). A request that sets it is refused with 422.</summary>
    [JsonPropertyName("priority")]
    public string? Priority { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Priority is not null)
        {
            yield return new ValidationResult("Priority is computed from impact and urgency (SLM-05) and cannot be set.", [nameof(Priority)]);
        }
    }
}

/// <summary>The chat message an incident was raised from (INC-01).</summary>
public sealed record ChatMessageReference(
    [property: StringLength(300)] string ConversationId,
    [property: StringLength(300)] string? MessageId,
    [property: StringLength(2000)] string? Url);

/// <summary>Edit descriptive fields; omitted fields are left as they are.</summary>
public sealed record UpdateIncidentRequest
{
    [StringLength(200, MinimumLength = 3)]
    public string? Summary { get; init; }

    [StringLength(8000)]
    public string? Description { get; init; }

    [StringLength(200)]
    public string? Category { get; init; }

    [StringLength(100)]
    public string? ServiceId { get; init; }

    [StringLength(200)]
    public string? Location { get; init; }

    [StringLength(200)]
    public string? BusinessArea { get; init; }

    [StringLength(100)]
    public string? SymptomCode { get; init; }

    /// <summary>Set or clear the security flag (SEC-03); audited, and the security manager is told.</summary>
    public bool? Security { get; init; }
}

/// <summary>Change impact and/or urgency with a reason; the incident manager may override the result (INC-03).</summary>
public sealed record ReprioritizeIncidentRequest
{
    public Impact? Impact { get; init; }

    public Urgency? Urgency { get; init; }

    [Required, StringLength(1000, MinimumLength = 3)]
    public string? Reason { get; init; }

    /// <summary>Incident manager only: a priority other than the matrix result.</summary>
    public Priority? OverridePriority { get; init; }
}

/// <summary>Move an incident along its state machine (requirements §16.1; any other move is 409).</summary>
public sealed record TransitionIncidentRequest
{
    [Required]
    public IncidentState? To { get; init; }

    [StringLength(1000)]
    public string? Reason { get; init; }

    /// <summary>Assigned: the resolver group; InProgress from Assigned: optional assignee (defaults to the caller).</summary>
    [StringLength(100)]
    public string? GroupId { get; init; }

    [StringLength(100)]
    public string? AssigneeId { get; init; }

    public HoldReason? HoldReason { get; init; }

    public ResolutionDetails? Resolution { get; init; }

    public CancelReason? CancelReason { get; init; }

    /// <summary>The surviving incident when cancelling as a duplicate.</summary>
    [StringLength(100)]
    public string? DuplicateOfId { get; init; }

    /// <summary>Closing on behalf of the reporter: how the confirmation was received (INC-05).</summary>
    [StringLength(2000)]
    public string? Note { get; init; }

    /// <summary>Required to close a record that breached a target (SLM-10).</summary>
    [StringLength(100)]
    public string? BreachCause { get; init; }

    [StringLength(2000)]
    public string? BreachNote { get; init; }
}

/// <summary>What moving to Resolved needs (INC-14, INC-15): a code, notes of at least 20 characters and a cause category from the policy.</summary>
public sealed record ResolutionDetails
{
    [StringLength(100)]
    public string? Code { get; init; }

    [StringLength(8000)]
    public string? Notes { get; init; }

    [StringLength(100)]
    public string? CauseCategory { get; init; }

    /// <summary>Required with code "Cannot resolve": the explanation sent to the reporter (INC-15).</summary>
    [StringLength(4000)]
    public string? Explanation { get; init; }
}

public sealed record AddNoteRequest(
    [property: Required, StringLength(8000, MinimumLength = 1)] string? Text,
    [property: Required] NoteVisibility? Visibility);

public sealed record EscalateIncidentRequest
{
    [Required]
    public EscalationKind? Kind { get; init; }

    [Required, StringLength(1000, MinimumLength = 3)]
    public string? Reason { get; init; }

    /// <summary>Functional escalation: the higher-tier group.</summary>
    [StringLength(100)]
    public string? GroupId { get; init; }
}

public sealed record RecordWorkaroundRequest(
    [property: Required, StringLength(8000, MinimumLength = 10)] string? Text,
    bool RestoredByWorkaround = false);

public sealed record LinkIncidentRequest(
    [property: Required] IncidentLinkKind? Kind,
    [property: Required, StringLength(100)] string? TargetId);

/// <summary>The reporter's answer to "is it fixed?" (INC-05, INC-17).</summary>
public sealed record ConfirmResolutionRequest(
    [property: Required] bool? Fixed,
    [property: StringLength(2000)] string? Reason);

/// <summary>The bot reports whether a message about the incident reached its recipients (INC-05, INC-15).</summary>
public sealed record DeliveryReport(
    [property: Required] DeliveryKind? Kind,
    [property: Required] bool? Delivered,
    [property: StringLength(100)] string? EventId,
    [property: MaxLength(100)] IReadOnlyList<string>? RecipientIds,
    [property: StringLength(2000)] string? Detail);

/// <summary>A monitoring tool's all-clear for an alert key (INC-06).</summary>
public sealed record MonitoringClearRequest([property: Required, StringLength(200)] string? DedupeKey);

/// <summary>"Still happening?" after closure: a new incident linked as a recurrence (INC-17).</summary>
public sealed record RecurrenceRequest([property: StringLength(8000)] string? Description);

/// <summary>Who to add as a watcher; defaults to the caller.</summary>
public sealed record WatchRequest([property: StringLength(100)] string? PersonId);

/// <summary>What a person typed, to be turned into a prefilled incident form (INC-01).</summary>
public sealed record DraftIncidentRequest([property: Required, StringLength(8000, MinimumLength = 1)] string? Text);
