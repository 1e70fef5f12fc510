using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Common;

namespace ItsmChatOps.Api.Changes;

/// <summary>The configurable rules of change management (requirements §8.2), one versioned policy.</summary>
public sealed record ChangePolicy
{
    public const string Kind = Policies.PolicyKinds.Change;

    /// <summary>CHG-03: the risk questionnaire; likelihood and impact are each the highest answer of their questions.</summary>
    public required List<RiskQuestion> RiskQuestions { get; init; }
    public int LowRiskMaxScore { get; init; } = 6;
    public int MediumRiskMaxScore { get; init; } = 14;

    /// <summary>CHG-04: approval levels by model, risk and class; the first matching level applies.</summary>
    public required List<ApprovalLevel> ApprovalLevels { get; init; }

    /// <summary>CHG-04: the named change authority for change manager approvals.</summary>
    public required string ChangeManagerId { get; init; }

    /// <summary>CHG-04: business representatives who sit on the CAB.</summary>
    public List<string> BusinessRepresentativeIds { get; init; } = [];

    /// <summary>CHG-04: the emergency change authority list, how many must approve, and the roles one of them must hold.</summary>
    public List<string> EmergencyApproverIds { get; init; } = [];
    public int EmergencyMinimumApprovals { get; init; } = 2;
    public List<ItsmRole> EmergencyRequiredRoles { get; init; } = [ItsmRole.ChangeManager, ItsmRole.IncidentManager];

    /// <summary>CFG-04: owners of affected High-criticality CIs must approve normal changes.</summary>
    public bool OwnerApprovalForHighCriticality { get; init; } = true;

    /// <summary>CHG-02: a normal change affecting this many services or more is Major.</summary>
    public int MajorServiceCount { get; init; } = 4;

    /// <summary>CHG-03: how far relationships are followed to find affected CIs and services.</summary>
    public int ImpactDepth { get; init; } = 5;

    /// <summary>CHG-06: approval lapses this long after the approved window ends without a start.</summary>
    public int ApprovalLapseDays { get; init; } = 14;

    /// <summary>CHG-09: the service desk is reminded this long before the window opens.</summary>
    public int ReminderHoursBefore { get; init; } = 24;
    public string ServiceDeskGroupId { get; init; } = "grp-servicedesk";

    /// <summary>CHG-08: default length of the forward schedule.</summary>
    public int ScheduleDays { get; init; } = 14;

    /// <summary>CHG-13: which changes need a post-implementation review, and how long after the change incidents count as side effects.</summary>
    public bool PirForMajor { get; init; } = true;
    public bool PirForHighRisk { get; init; } = true;
    public bool PirForFailed { get; init; } = true;
    public int SideEffectDays { get; init; } = 7;

    /// <summary>CHG-14: retrospective fields of emergency changes are due this many service days after implementation starts.</summary>
    public double RetrospectiveServiceDays { get; init; } = 2;
    public string RetrospectiveCalendarId { get; init; } = "office-hours";

    /// <summary>CHG-03, SEC-06: CI types whose changes need a security impact assessment.</summary>
    public List<string> SecurityAssessmentCiTypes { get; init; } = ["security-component"];

    public RiskLevel LevelOf(int score) => score <= LowRiskMaxScore ? RiskLevel.Low : score <= MediumRiskMaxScore ? RiskLevel.Medium : RiskLevel.High;

    public ApprovalLevel LevelFor(ChangeModel model, RiskLevel? risk, ChangeClass? changeClass) =>
        ApprovalLevels.FirstOrDefault(l => l.Model == model
            && (l.RiskLevels.Count == 0 || (risk is { } r && l.RiskLevels.Contains(r)))
            && (l.Classes.Count == 0 || (changeClass is { } c && l.Classes.Contains(c))))
        ?? throw Problems.Conflict($"No approval level of the change policy matches a {model} change at {risk} risk.", "CHG-04");

    public void Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (RiskQuestions.Count == 0 || !RiskQuestions.Any(q => q.Dimension == RiskDimension.Likelihood) || !RiskQuestions.Any(q => q.Dimension == RiskDimension.Impact))
        {
            errors["riskQuestions"] = ["The questionnaire needs at least one likelihood and one impact question."];
        }

        if (RiskQuestions.Select(q => q.Id).Distinct().Count() != RiskQuestions.Count || RiskQuestions.Any(q => q.Scale.Count != 5))
        {
            errors["riskQuestions"] = ["Question ids are unique and each question has five answers (1–5)."];
        }

        if (LowRiskMaxScore < 1 || MediumRiskMaxScore <= LowRiskMaxScore || MediumRiskMaxScore >= 25)
        {
            errors["mediumRiskMaxScore"] = ["Thresholds must satisfy 1 ≤ low < medium < 25."];
        }

        foreach (var model in Enum.GetValues<ChangeModel>().Where(m => ApprovalLevels.All(l => l.Model != m)))
        {
            errors["approvalLevels"] = [.. errors.GetValueOrDefault("approvalLevels", []), $"No approval level covers {model} changes."];
        }

        if (EmergencyMinimumApprovals < 1 || ApprovalLapseDays < 1 || RetrospectiveServiceDays <= 0 || ImpactDepth is < 1 or > 10)
        {
            errors["emergencyMinimumApprovals"] = ["Counts, days and depth must be positive (depth at most 10)."];
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "CHG-03", "CHG-04");
        }
    }
}

public sealed record RiskQuestion(string Id, string Text, RiskDimension Dimension, List<string> Scale);

/// <summary>One approval level (CHG-04): empty risk levels or classes match any.</summary>
public sealed record ApprovalLevel(ChangeModel Model, List<RiskLevel> RiskLevels, List<ChangeClass> Classes, ApprovalAuthority Authority, QuorumRule Quorum, int MinimumApprovals = 1);

/// <summary>Freeze and critical business periods (CHG-08); empty service ids mean every service.</summary>
public sealed record BlackoutPolicy
{
    public const string Kind = Policies.PolicyKinds.ChangeBlackouts;

    public required List<BlackoutPeriod> Periods { get; init; }

    public void Check()
    {
        if (Periods.Any(p => p.End <= p.Start || string.IsNullOrWhiteSpace(p.Name)))
        {
            throw Problems.Validation(new Dictionary<string, string[]> { ["periods"] = ["Each period has a name and ends after it starts."] }, "CHG-08");
        }
    }
}

public sealed record BlackoutPeriod(string Name, BlackoutKind Kind, DateTimeOffset Start, DateTimeOffset End, List<string> ServiceIds);
