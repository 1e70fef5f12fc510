using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Surveys;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.Surveys;

/// <summary>A satisfaction survey about one closed incident (BRM-08, BRM-09).</summary>
public sealed class Survey : RecordDocument
{
    public const string Type = "survey";

    public override string RecordType => Type;

    public required string IncidentId { get; init; }
    public required string IncidentSummary { get; init; }
    public required string RespondentId { get; init; }
    public string? CustomerId { get; init; }
    public required string ServiceId { get; init; }
    public required Priority Priority { get; init; }
    public string? GroupId { get; init; }
    public required ClosureMethod ClosureMethod { get; init; }
    public required int QuestionSetVersion { get; init; }
    public required string SamplingMethod { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public int? Rating { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The answer time, or a far-future sort value while unanswered (sort keys are never null).</summary>
    public DateTimeOffset AnsweredSort { get; set; } = Incidents.Incident.NoTimer;
    public string? FollowUpTaskId { get; set; }

    public static string IdFor(string incidentId) => $"SRV-{incidentId}";

    public SurveyState StateAt(DateTimeOffset now) =>
        Rating is not null ? SurveyState.Answered : now >= ExpiresAt ? SurveyState.Expired : SurveyState.Pending;

    public SurveyResponse ToResponse(DateTimeOffset now) => new()
    {
        Id = Id,
        IncidentId = IncidentId,
        IncidentSummary = IncidentSummary,
        RespondentId = RespondentId,
        ServiceId = ServiceId,
        Priority = Priority,
        GroupId = GroupId,
        ClosureMethod = ClosureMethod,
        QuestionSetVersion = QuestionSetVersion,
        SamplingMethod = SamplingMethod,
        RequestedAt = RequestedAt,
        ExpiresAt = ExpiresAt,
        State = StateAt(now),
        Rating = Rating,
        Comment = Comment,
        AnsweredAt = AnsweredAt,
        FollowUpTaskId = FollowUpTaskId,
        ETag = ETag,
    };
}

/// <summary>Sampling, expiry and follow-up rules of satisfaction surveys (BRM-08, BRM-10).</summary>
public sealed record SurveyPolicy
{
    /// <summary>At most one survey per person in this many hours (0: every closure).</summary>
    public int AtMostOnePerHours { get; init; } = 24;
    public int ExpiresAfterDays { get; init; } = 7;
    public int LowScoreAtOrBelow { get; init; } = 2;
    public double FollowUpDueServiceDays { get; init; } = 2;
    public double MonthlyDropFlag { get; init; } = 0.5;

    public string SamplingMethod => AtMostOnePerHours > 0 ? $"EveryClosure-MaxOnePer{AtMostOnePerHours}h" : "EveryClosure";
}
