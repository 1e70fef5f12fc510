using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>CHG-03: the risk questionnaire turned into likelihood × impact, and the rest of the assessment.</summary>
public static class ChangeRisk
{
    public static void Record(Change change, AssessChangeRequest request, Caller caller, ChangePolicy policy, int policyVersion, DateTimeOffset now)
    {
        ChangeAccess.RequireChangeManager(caller, "CHG-03", "assesses changes");
        var retrospective = change.Model == ChangeModel.Emergency && !change.IsTerminal && change.State != ChangeState.Draft;
        if (change.State is not (ChangeState.Submitted or ChangeState.Assessed) && !retrospective)
        {
            throw Problems.Conflict($"{change.Id} is {change.State}; it is assessed after submission and before approval is requested.", "CHG-03");
        }

        var answers = request.RiskAnswers!;
        var errors = new Dictionary<string, string[]>();
        foreach (var question in policy.RiskQuestions.Where(q => !answers.ContainsKey(q.Id)))
        {
            errors[$"riskAnswers.{question.Id}"] = [$"Answer \"{question.Text}\" (1–5)."];
        }

        foreach (var (id, score) in answers)
        {
            if (policy.RiskQuestions.All(q => q.Id != id))
            {
                errors[$"riskAnswers.{id}"] = ["Not a question of the current questionnaire."];
            }
            else if (score is < 1 or > 5)
            {
                errors[$"riskAnswers.{id}"] = ["Answers are from 1 to 5."];
            }
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, "CHG-03");
        }

        int Highest(RiskDimension dimension) => policy.RiskQuestions.Where(q => q.Dimension == dimension).Max(q => answers[q.Id]);
        var likelihood = Highest(RiskDimension.Likelihood);
        var impact = Highest(RiskDimension.Impact);
        var previous = change.Risk;
        change.Risk = new RiskResult(likelihood, impact, likelihood * impact, policy.LevelOf(likelihood * impact), answers.ToDictionary(), policyVersion);
        change.Urgency = request.Urgency ?? change.Urgency;
        change.Cost = request.Cost ?? change.Cost;
        change.Benefit = request.Benefit ?? change.Benefit;
        change.Resources = request.Resources ?? change.Resources;
        foreach (var (kind, text) in request.Assessments ?? new Dictionary<string, string>())
        {
            change.Assessments[kind] = text;
        }

        change.RetrospectiveFields = change.RetrospectiveFields.Intersect(ChangeEdits.MissingNormalFields(change)).ToList();
        change.Raise(caller.Actor, now, "ChangeAssessmentRecorded", EventVisibility.Internal,
            [RecordDocument.Change("riskScore", previous?.Score, change.Risk.Score), RecordDocument.Change("riskLevel", previous?.Level, change.Risk.Level)],
            data: new JsonObject { ["likelihood"] = likelihood, ["impact"] = impact, ["policyVersion"] = policyVersion });
    }

    /// <summary>Why the score is what it is, in one sentence for the approval card.</summary>
    public static string Why(RiskResult risk, ChangePolicy policy)
    {
        var drivers = policy.RiskQuestions
            .Where(q => risk.Answers.TryGetValue(q.Id, out var score) && score == (q.Dimension == RiskDimension.Likelihood ? risk.Likelihood : risk.Impact))
            .Select(q => $"{q.Text.TrimEnd('?')}: {q.Scale[risk.Answers[q.Id] - 1]}")
            .ToList();
        return $"Likelihood {risk.Likelihood} × impact {risk.Impact} = {risk.Score} ({risk.Level}). " + string.Join("; ", drivers) + ".";
    }
}
