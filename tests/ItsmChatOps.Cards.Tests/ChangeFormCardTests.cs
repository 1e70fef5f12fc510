using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>
/// The change form (raised from the command or an incident), the approver's Request info and deputy view, the
/// originator's question card, "Raise change" on the incident card and the status card's assessment and links.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class ChangeFormCardTests(NodeOracle node)
{
    private static readonly ChangeFormCard Form = (ChangeFormCard)SampleCards.Model("change-form");
    private static readonly ChangeApprovalCard Approval = (ChangeApprovalCard)SampleCards.Model("change-approval");
    private static readonly ChangeQuestionCard Question = (ChangeQuestionCard)SampleCards.Model("change-question");
    private static readonly ChangeStatusCard Status = (ChangeStatusCard)SampleCards.Model("change-status");
    private static readonly IncidentStatusCard Incident = (IncidentStatusCard)SampleCards.Model("incident-status");

    [Fact]
    [Trait("Requirement", "CHG-01")]
    [Trait("Requirement", "CHG-15")]
    public void RenderForm_FromAnIncident_EveryFieldPrefilled_SubmitCarriesTheIncidentItsOriginsAndServices()
    {
        var card = CardCheck.Render(node, Form);

        var inputs = CardCheck.Inputs(card).ToDictionary(i => i["id"]!.GetValue<string>(), i => i["value"]?.GetValue<string>());
        Assert.Equal(
            ["model", "templateId", "title", "description", "scope", "benefitCategory", "justification", "cis", "windowStartDate", "windowStartTime",
                "windowEndDate", "windowEndTime", "implementationPlan", "backoutPlan", "testPlan", "implementer", "risk_history"],
            inputs.Keys);
        Assert.Equal(Form.Draft.Title, inputs["title"]);
        Assert.Equal("app-payroll (Application)", inputs["cis"]);
        Assert.Equal(("2025-12-06", "20:00"), (inputs["windowStartDate"], inputs["windowStartTime"]));
        Assert.Equal("2", inputs["risk_history"]);
        var submit = CardCheck.Button(card, CardVerbs.ChangeCreate)["data"]!;
        Assert.Equal(("INC-000123", "INC-000123,PRB-000003", "svc-payroll", Form.IdempotencyKey),
            (submit["incidentId"]!.GetValue<string>(), submit["originRefs"]!.GetValue<string>(), submit["serviceIds"]!.GetValue<string>(), submit["idempotencyKey"]!.GetValue<string>()));
        Assert.Contains("From incident INC-000123", CardCheck.Text(card), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    public void RenderForm_RefusedSubmit_ShowsEachFieldErrorAndKeepsTheSavedDraft()
    {
        var errors = new[] { new CardFieldError("Backout plan", "The backout plan is missing."), new CardFieldError("In scope", "Say what is in scope.") };

        var card = CardCheck.Render(node, Form with { Errors = errors, Draft = Form.Draft with { ChangeId = "CHG-000105" } });

        var text = CardCheck.Text(card);
        Assert.Contains("- **Backout plan**: The backout plan is missing.", text, StringComparison.Ordinal);
        Assert.Contains("- **In scope**: Say what is in scope.", text, StringComparison.Ordinal);
        Assert.Equal("CHG-000105", CardCheck.Button(card, CardVerbs.ChangeCreate)["data"]!["changeId"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    public void RenderForm_ForSomeoneWhoDoesNotAssess_NoQuestionnaire_SaysTheChangeManagerAssesses()
    {
        var card = CardCheck.Render(node, Form with { RiskQuestions = [], Templates = [], Draft = Form.Draft with { IncidentId = null } });

        Assert.DoesNotContain(CardCheck.Inputs(card), i => i["id"]!.GetValue<string>().StartsWith("risk_", StringComparison.Ordinal) || i["id"]!.GetValue<string>() == "templateId");
        Assert.Contains("The change manager assesses the risk after you submit.", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("From incident", CardCheck.Text(card), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public void RenderApproval_RequestInfo_AsksTheOriginator_AndShowsQuestionsAnsweredOrAwaited()
    {
        var questions = new[] { new ChangeQuestionLine("Dana Okafor", "Rehearsed?", "Yes, twice."), new ChangeQuestionLine("Charlie Davis", "Who is on call?", null) };

        var card = CardCheck.Render(node, Approval with { Questions = questions });

        var ask = CardCheck.Button(card, CardVerbs.ChangeAskInfo)["data"]!;
        Assert.Equal((Approval.Change.Id, Approval.Change.ApprovalTag), (ask["changeId"]!.GetValue<string>(), ask["etag"]!.GetValue<string>()));
        var text = CardCheck.Text(card);
        Assert.Contains("Dana Okafor asked: \"Rehearsed?\" Answer: Yes, twice.", text, StringComparison.Ordinal);
        Assert.Contains("Charlie Davis asked: \"Who is on call?\" (waiting for the answer)", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public void RenderApproval_ForADeputy_NamesWhomTheyDecideFor_AndEveryDecisionCarriesIt()
    {
        var card = CardCheck.Render(node, Approval with { ActingForId = "dana", ActingForName = "Dana Okafor" });

        Assert.Contains("You decide on behalf of Dana Okafor", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.All([CardVerbs.ChangeApprove, CardVerbs.ChangeReject, CardVerbs.ChangeAskInfo],
            verb => Assert.Equal("dana", CardCheck.Button(card, verb)["data"]!["onBehalfOfId"]!.GetValue<string>()));
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public void RenderQuestion_Unanswered_AsksForTheAnswer_Answered_ShowsItWithoutABox()
    {
        var open = CardCheck.Render(node, Question);
        var answered = CardCheck.Render(node, Question with { Answer = "Yes, on Tuesday." });

        Assert.Equal("answer", Assert.Single(CardCheck.Inputs(open))["id"]!.GetValue<string>());
        var send = CardCheck.Button(open, CardVerbs.ChangeAnswer)["data"]!;
        Assert.Equal(("CHG-000104", "0"), (send["changeId"]!.GetValue<string>(), send["index"]!.GetValue<string>()));
        Assert.Contains("Dana Okafor asks:", CardCheck.Text(open), StringComparison.Ordinal);
        Assert.Empty(CardCheck.Inputs(answered));
        Assert.DoesNotContain(CardCheck.Buttons(answered), b => b["verb"]!.GetValue<string>() == CardVerbs.ChangeAnswer);
        Assert.Contains("Your answer: Yes, on Tuesday.", CardCheck.Text(answered), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    [Trait("Requirement", "CHG-15")]
    public void RenderIncidentStatus_ForStaff_RaiseChangeForThisIncident_AndTheLinkedChanges_ForTheReporter_Neither()
    {
        var staff = CardCheck.Render(node, Incident);
        var reporter = CardCheck.Render(node, Incident with { CanRaiseChange = false, LinkedChanges = null });

        Assert.Equal(Incident.Incident.Id, CardCheck.Button(staff, CardVerbs.ChangeForm)["data"]!["incidentId"]!.GetValue<string>());
        Assert.Contains("CHG-000105 fixes this incident", CardCheck.Text(staff), StringComparison.Ordinal);
        Assert.DoesNotContain(CardCheck.Buttons(reporter), b => b["verb"]!.GetValue<string>() == CardVerbs.ChangeForm);
        Assert.DoesNotContain("CHG-000105", CardCheck.Text(reporter), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-03")]
    [Trait("Requirement", "CHG-15")]
    public void RenderStatus_ShowsWhyTheRisk_TheConflictingChanges_AndTheLinkedRecords()
    {
        var text = CardCheck.Text(CardCheck.Render(node, Status));

        Assert.Contains("Why this risk: Likelihood 3", text, StringComparison.Ordinal);
        Assert.Contains("CHG-000099 Patch the payroll server's operating system", text, StringComparison.Ordinal);
        Assert.Contains("Linked: Fixes incident INC-000123", text, StringComparison.Ordinal);
    }
}
