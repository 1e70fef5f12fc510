using System.ComponentModel.DataAnnotations;
using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Client.Surveys;

public enum SurveyState
{
    Pending,
    Answered,
    Expired,
}

/// <summary>A satisfaction survey sent after an incident closed (BRM-08), with what it was sent about (BRM-09).</summary>
public sealed record SurveyResponse
{
    public required string Id { get; init; }
    public required string IncidentId { get; init; }
    public required string IncidentSummary { get; init; }
    public required string RespondentId { get; init; }
    public required string ServiceId { get; init; }
    public required Priority Priority { get; init; }
    public string? GroupId { get; init; }
    public required ClosureMethod ClosureMethod { get; init; }
    public required int QuestionSetVersion { get; init; }
    public required string SamplingMethod { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required SurveyState State { get; init; }
    public int? Rating { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public string? FollowUpTaskId { get; init; }
    public required string ETag { get; init; }
}

public sealed record AnswerSurveyRequest(
    [property: Required, Range(1, 5)] int? Rating,
    [property: StringLength(2000)] string? Comment);

/// <summary>
/// Satisfaction over a period (BRM-09, BRM-10): one series per question-set version and sampling method,
/// never blended, with monthly averages and the months whose average dropped by the configured amount.
/// </summary>
public sealed record SurveyReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SurveySeries> Series);

public sealed record SurveySeries(int QuestionSetVersion, string SamplingMethod, int Responses, double Average, IReadOnlyList<SurveyMonth> Months);

public sealed record SurveyMonth(string Month, int Responses, double Average, bool DropFlagged);
