using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace ItsmChatOps.Bot.Cards;

/// <summary>
/// Every verb a card can send back, in one place: the bot registers a route per verb, and a test
/// checks that each template uses only these. Action.Execute carries the verb in <c>verb</c> and in
/// <c>data.verb</c>; its Action.Submit fallback carries it in <c>data.verb</c>.
/// </summary>
public static class CardVerbs
{
    public const string IncidentNew = "incident.new";
    public const string IncidentCreate = "incident.create";
    public const string IncidentDiscard = "incident.discard";
    public const string IncidentView = "incident.view";
    public const string IncidentList = "incident.list";
    public const string IncidentComment = "incident.comment";
    public const string IncidentWithdraw = "incident.withdraw";
    public const string IncidentMeToo = "incident.metoo";
    public const string IncidentConfirm = "incident.confirm";
    public const string IncidentReject = "incident.reject";
    public const string IncidentClosureRefresh = "incident.closure.refresh";
    public const string SurveySubmit = "survey.submit";
    public const string SurveyRefresh = "survey.refresh";
    public const string HelpShow = "help.show";
    public const string KnowledgeFeedback = "knowledge.feedback";
    public const string KnowledgeRaiseIncident = "knowledge.incident";
    public const string KnowledgeSolved = "knowledge.solved";
    public const string KnowledgeNeedHelp = "knowledge.needhelp";
    public const string KnowledgeApply = "knowledge.apply";
    public const string KnowledgeOpen = "knowledge.open";
    public const string ProblemCandidateAccept = "problem.candidate.accept";
    public const string ProblemCandidateDismiss = "problem.candidate.dismiss";
    public const string AtRiskShow = "sla.atrisk";
    public const string SlaReport = "sla.report";
    public const string SlaChart = "sla.chart";
    public const string ChangeApprove = "change.approve";
    public const string ChangeReject = "change.reject";
    public const string ChangeRefresh = "change.refresh";
    public const string ChangeView = "change.view";
    public const string ChangeForm = "change.form";
    public const string ChangeCreate = "change.create";
    public const string ChangeAskInfo = "change.info";
    public const string ChangeAnswer = "change.answer";
    public const string MajorDeclare = "major.declare";
    public const string MajorUpdate = "major.update";
    public const string MajorAccept = "major.handover.accept";
    public const string MajorJoin = "major.join";
    public const string MajorAcknowledge = "major.acknowledge";
    public const string MajorReviewSubmit = "major.review.submit";
    public const string MajorReviewApprove = "major.review.approve";

    public static IReadOnlySet<string> All { get; } = FrozenSet.Create(StringComparer.Ordinal,
        IncidentNew, IncidentCreate, IncidentDiscard, IncidentView, IncidentList, IncidentComment, IncidentWithdraw,
        IncidentMeToo, IncidentConfirm, IncidentReject, IncidentClosureRefresh, SurveySubmit, SurveyRefresh, HelpShow,
        KnowledgeFeedback, KnowledgeRaiseIncident, KnowledgeSolved, KnowledgeNeedHelp, KnowledgeApply, KnowledgeOpen, ProblemCandidateAccept,
        ProblemCandidateDismiss, AtRiskShow, SlaReport, SlaChart, ChangeApprove, ChangeReject, ChangeRefresh, ChangeView,
        ChangeForm, ChangeCreate, ChangeAskInfo, ChangeAnswer, MajorDeclare, MajorUpdate, MajorAccept, MajorJoin,
        MajorAcknowledge, MajorReviewSubmit, MajorReviewApprove);

    /// <summary>Every <c>verb</c> value in a card or template: action verbs and the copies in action data.</summary>
    public static IEnumerable<string> In(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "verb" && p.Value is JsonValue v && v.TryGetValue(out string? verb)
            ? [verb]
            : In(p.Value)),
        JsonArray array => array.SelectMany(In),
        _ => [],
    };
}
