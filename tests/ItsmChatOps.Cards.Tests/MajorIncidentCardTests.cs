using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>The war room's headline, the stakeholder update and its form, and declaring from the incident card.</summary>
[Collection(NodeCollection.Name)]
public sealed class MajorIncidentCardTests(NodeOracle node)
{
    private static readonly MajorIncidentHeadlineCard Headline = (MajorIncidentHeadlineCard)SampleCards.Model("major-incident-headline");

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    [Trait("Requirement", "MAJ-03")]
    public void RenderHeadline_ShowsManagerNextUpdateAndPendingHandover_WithTheRoomLink()
    {
        var card = CardCheck.Render(node, Headline);

        var text = CardCheck.Text(card);
        Assert.Contains("Carol Manager", text, StringComparison.Ordinal);
        Assert.Contains("Handover offered to Mia Messaging Lead; Carol Manager stays responsible", text, StringComparison.Ordinal);
        Assert.Contains("{{DATE(2025-11-25T10:30:00Z, SHORT)}}", text, StringComparison.Ordinal);
        Assert.Contains("2 linked", text, StringComparison.Ordinal);
        var open = Assert.Single(JsonAssert.Objects(card), o => o["type"]?.GetValue<string>() == "Action.OpenUrl");
        Assert.Equal(Headline.Major.WarRoomLink, open["url"]!.GetValue<string>());
        Assert.Equal(Headline.Major.IncidentId, CardCheck.Button(card, CardVerbs.IncidentView)["data"]!["incidentId"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public void RenderHeadline_NoRoomYetNoHandoverNoUpdateDue_LeavesThemOut()
    {
        var card = CardCheck.Render(node, Headline with
        {
            Major = Headline.Major with { WarRoomLink = null, PendingManager = null, NextUpdateDue = null, LastUpdate = null },
            Notice = "The war room is being opened; its link follows.",
        });

        var text = CardCheck.Text(card);
        Assert.DoesNotContain("Handover offered", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Next update due", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Latest update", text, StringComparison.Ordinal);
        Assert.Contains("its link follows", text, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonAssert.Objects(card), o => o["type"]?.GetValue<string>() == "Action.OpenUrl");
    }

    [Fact]
    [Trait("Requirement", "MAJ-06")]
    public void RenderUpdate_ShowsStatusImpactActionsAndWorkaround()
    {
        var update = (MajorIncidentUpdateCard)SampleCards.Model("major-incident-update");

        var text = CardCheck.Text(CardCheck.Render(node, update));
        Assert.Contains("Update 2 on major incident MI-000012", text, StringComparison.Ordinal);
        Assert.Contains(update.BusinessImpact, text, StringComparison.Ordinal);
        Assert.Contains(update.Workaround!, text, StringComparison.Ordinal);

        var noWorkaround = CardCheck.Text(CardCheck.Render(node, update with { Workaround = null }));
        Assert.DoesNotContain("How to work around it", noWorkaround, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "MAJ-06")]
    public void RenderUpdateForm_RequiresStatusImpactAndActions_AndSendsTheMajorIncident()
    {
        var form = (MajorIncidentUpdateFormCard)SampleCards.Model("major-incident-update-form");
        var card = CardCheck.Render(node, form);

        var required = CardCheck.Inputs(card).Where(i => i["isRequired"]?.GetValue<bool>() == true).Select(i => i["id"]!.GetValue<string>());
        Assert.Equal(["status", "businessImpact", "actions"], required);
        Assert.Equal(30, CardCheck.Inputs(card).Single(i => i["id"]!.GetValue<string>() == "nextUpdateInMinutes")["value"]!.GetValue<double>());
        Assert.Equal(form.MajorIncidentId, CardCheck.Button(card, CardVerbs.MajorUpdate)["data"]!["majorIncidentId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Requirement", "MAJ-07")]
    [Trait("Requirement", "SLM-13")]
    public void RenderUpdate_AskedToAcknowledge_OffersTheButtonForThisUpdate_OnceAcknowledgedSaysSo(bool asked)
    {
        var update = (MajorIncidentUpdateCard)SampleCards.Model("major-incident-update") with { AskToAcknowledge = asked, Acknowledged = asked ? null : "Acknowledged by Heidi Lead at 10:42 UTC." };

        var card = CardCheck.Render(node, update);

        Assert.Equal(asked, CardCheck.Buttons(card).Any(b => b["verb"]?.GetValue<string>() == CardVerbs.MajorAcknowledge));
        if (asked)
        {
            var data = CardCheck.Button(card, CardVerbs.MajorAcknowledge)["data"]!;
            Assert.Equal((update.Major.Id, "2"), (data["majorIncidentId"]!.GetValue<string>(), data["number"]!.GetValue<string>()));
        }
        else
        {
            Assert.Contains("Acknowledged by Heidi Lead", CardCheck.Text(card), StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Requirement", "MAJ-09")]
    public void RenderReview_Form_ShowsKeyMomentsErrorsAndThreeActionRows_SubmitCarriesTheMajorIncident()
    {
        var review = (MajorIncidentReviewCard)SampleCards.Model("major-incident-review");

        var card = CardCheck.Render(node, review);

        var text = CardCheck.Text(card);
        Assert.Contains("**Heidi Lead**: Took over as manager", text, StringComparison.Ordinal);
        Assert.Contains("**What went badly**: Say what did not work.", text, StringComparison.Ordinal);
        Assert.Contains("1 h 50 min", text, StringComparison.Ordinal);
        var ids = CardCheck.Inputs(card).Select(i => i["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["whatWorked", "whatDidNotWork", "rootCauseKnown",
            "action1Text", "action1Owner", "action1Due", "action1Problem", "action2Text", "action2Owner", "action2Due", "action2Problem",
            "action3Text", "action3Owner", "action3Due", "action3Problem"], ids);
        var inputs = CardCheck.Inputs(card).ToDictionary(i => i["id"]!.GetValue<string>());
        Assert.Equal(("The failover runbook", "2025-12-09", "Input.Date"), (inputs["whatWorked"]["value"]!.GetValue<string>(), inputs["action1Due"]["value"]!.GetValue<string>(),
            inputs["action1Due"]["type"]!.GetValue<string>()));
        Assert.Equal(review.Major.Id, CardCheck.Button(card, CardVerbs.MajorReviewSubmit)["data"]!["majorIncidentId"]!.GetValue<string>());
        Assert.DoesNotContain(CardCheck.Buttons(card), b => b["verb"]!.GetValue<string>() == CardVerbs.MajorReviewApprove);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    [Trait("Requirement", "MAJ-09")]
    public void RenderReview_Completed_ShowsTheActionsAndWhatTheyBecome_ApproveUntilApproved(bool approved)
    {
        var sample = (MajorIncidentReviewCard)SampleCards.Model("major-incident-review");
        var at = new DateTimeOffset(2025, 11, 26, 9, 0, 0, TimeSpan.Zero);
        var completed = new CompletedReview("The failover runbook", "Paging took 20 minutes", "Known",
            [new CompletedReviewAction(1, "Alert on gateway queue depth", "Mia Messaging Lead", "2025-12-09", approved ? "improvement item SIP-000012-1" : "an improvement item once approved")],
            "Heidi Lead", at, approved ? "Carol Manager" : null, approved ? at.AddHours(1) : null);

        var card = CardCheck.Render(node, sample with { Errors = [], Completed = completed });

        var text = CardCheck.Text(card);
        Assert.Empty(CardCheck.Inputs(card));
        Assert.Contains("1. Alert on gateway queue depth (owner Mia Messaging Lead, due 2025-12-09)", text, StringComparison.Ordinal);
        Assert.Contains("Review completed by Heidi Lead", text, StringComparison.Ordinal);
        Assert.Equal(approved, text.Contains("Approved by Carol Manager", StringComparison.Ordinal));
        Assert.Equal(approved ? [] : [CardVerbs.MajorReviewApprove], CardCheck.Buttons(card).Select(b => b["verb"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [Trait("Requirement", "MAJ-01")]
    public void RenderIncidentStatus_OffersDeclaringOnlyWhenTheViewerMay(bool canDeclare)
    {
        var status = (IncidentStatusCard)SampleCards.Model("incident-status") with { CanDeclareMajor = canDeclare };

        var card = CardCheck.Render(node, status);

        Assert.Equal(canDeclare, CardCheck.Buttons(card).Any(b => b["verb"]?.GetValue<string>() == CardVerbs.MajorDeclare));
        if (canDeclare)
        {
            Assert.Equal(status.Incident.Id, CardCheck.Button(card, CardVerbs.MajorDeclare)["data"]!["incidentId"]!.GetValue<string>());
            Assert.Contains(CardCheck.Inputs(card), i => i["id"]!.GetValue<string>() == "reason" && i["isRequired"]!.GetValue<bool>());
        }
    }

    [Theory]
    [InlineData(ItsmChatOps.Api.Client.MajorIncidents.MajorIncidentState.ReviewPending, "Review pending")]
    [InlineData(ItsmChatOps.Api.Client.MajorIncidents.MajorIncidentState.Rejected, "Not major")]
    [InlineData(ItsmChatOps.Api.Client.MajorIncidents.MajorIncidentState.Restored, "Restored")]
    [Trait("Requirement", "MAJ-05")]
    public void RenderHeadline_StateInPlainWords(ItsmChatOps.Api.Client.MajorIncidents.MajorIncidentState state, string words)
    {
        Assert.All(Enum.GetValues<ItsmChatOps.Api.Client.MajorIncidents.MajorIncidentState>(), s => Assert.False(string.IsNullOrWhiteSpace(CardWords.State(s))));

        var card = CardCheck.Render(node, Headline with { Major = Headline.Major with { State = CardWords.State(state) } });

        Assert.Contains(words, CardCheck.Text(card), StringComparison.Ordinal);
    }
}
