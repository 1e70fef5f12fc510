using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Cards.Tests.Infrastructure;

namespace ItsmChatOps.Cards.Tests;

/// <summary>The incident cards in the states the chat flows put them in, beyond the sample data.</summary>
[Collection(NodeCollection.Name)]
public sealed class IncidentCardTests(NodeOracle node)
{
    private static readonly IncidentView Incident = ((IncidentStatusCard)SampleCards.Model("incident-status")).Incident;

    [Fact]
    public void RenderForm_EmptyDraft_HasNoErrorsAndNoDeviceChoice()
    {
        var sample = (IncidentFormCard)SampleCards.Model("incident-form");
        var form = sample with
        {
            Draft = new IncidentDraft(null, null, null, null, null, null, null, false),
            ConfigurationItems = [],
            Errors = [],
            SourceMessageUrl = null,
        };

        var card = CardCheck.Render(node, form);

        Assert.DoesNotContain("Please check these fields", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain(CardCheck.Inputs(card), i => i["id"]?.GetValue<string>() == "configurationItemId");
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public void RenderForm_FieldErrorsFromTheApi_AreShownAboveTheFields()
    {
        var sample = (IncidentFormCard)SampleCards.Model("incident-form");
        var form = sample with { Errors = [new("What's the problem?", "A summary is required.")] };

        var text = CardCheck.Text(CardCheck.Render(node, form));

        Assert.Contains("**What's the problem?**: A summary is required.", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    [Trait("Requirement", "SEC-03")]
    public void RenderForm_Sample_AsksForTheMandatoryFieldsAndTheSecurityQuestion()
    {
        var card = CardCheck.Render(node, SampleCards.Model("incident-form"));

        var inputs = CardCheck.Inputs(card).ToDictionary(i => i["id"]!.GetValue<string>());
        Assert.All(["summary", "serviceId", "impact", "urgency"], id => Assert.True(inputs[id]["isRequired"]!.GetValue<bool>()));
        Assert.Equal("Could this be a security issue?", inputs["possibleSecurityIssue"]["title"]!.GetValue<string>());
        Assert.Equal("2f8c5f0e-5a1b-4c1e-9d0a-6b2f4e7c9a11", CardCheck.Button(card, CardVerbs.IncidentCreate)["data"]!["idempotencyKey"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "SLM-05")]
    public void RenderForm_ImpactAndUrgency_ShowTheScaleDefinitions()
    {
        var card = CardCheck.Render(node, SampleCards.Model("incident-form"));

        var text = CardCheck.Text(card);
        Assert.All(IncidentScales.Impact.Concat(IncidentScales.Urgency), c => Assert.Contains(c.Title, text, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public void RenderCreated_Sample_ShowsNumberPriorityAndDueTimeWithView()
    {
        var card = CardCheck.Render(node, SampleCards.Model("incident-created"));

        var text = CardCheck.Text(card);
        Assert.Contains("INC-001042", text, StringComparison.Ordinal);
        Assert.Contains("P3 · Medium: handled in normal order", text, StringComparison.Ordinal);
        Assert.Contains("{{DATE(2025-11-27T09:12:00Z, SHORT)}}", text, StringComparison.Ordinal);
        Assert.Equal(Incident.Id, CardCheck.Button(card, CardVerbs.IncidentView)["data"]!["incidentId"]!.GetValue<string>());
    }

    [Fact]
    public void RenderCreated_SecurityIncidentWithoutDueTime_SaysWhoCanSeeIt()
    {
        var sample = (IncidentCreatedCard)SampleCards.Model("incident-created");

        var card = CardCheck.Render(node, sample with { Incident = sample.Incident with { IsSecurity = true, ResolutionDue = null }, Related = PossiblyRelated.None });

        var text = CardCheck.Text(card);
        Assert.Contains("only you and the security team can see it", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{DATE", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SLM-19")]
    public void RenderStatus_Sample_ShowsStateTeamDueTimeRiskAndNotes()
    {
        var card = CardCheck.Render(node, SampleCards.Model("incident-status"));

        var text = CardCheck.Text(card);
        Assert.Contains("In progress", text, StringComparison.Ordinal);
        Assert.Contains("Messaging team", text, StringComparison.Ordinal);
        Assert.Contains("At risk", text, StringComparison.Ordinal);
        Assert.Contains("{{DATE(2025-11-27T09:12:00Z, SHORT)}}", text, StringComparison.Ordinal);
        Assert.Contains("Your account has an old app password stored.", text, StringComparison.Ordinal);
        Assert.Equal("29:1vN2yX4mQ7pRkT9sW3aB6cD8eF0gH2jK4lM6nP8qR0sT2uV4wX6yZ8", card["refresh"]!["userIds"]![0]!.GetValue<string>());
        Assert.DoesNotContain(CardCheck.Buttons(card), b => b["verb"]!.GetValue<string>() == CardVerbs.IncidentWithdraw);
    }

    [Fact]
    public void RenderStatus_NewUnassignedOverdueWithdrawable_OffersWithdrawWithTheETag()
    {
        var sample = (IncidentStatusCard)SampleCards.Model("incident-status");
        var incident = sample.Incident with { State = IncidentState.New, AssignedGroup = null, SlaStatus = SlaStatus.Breached };

        var card = CardCheck.Render(node, sample with { Incident = incident, Notes = [], CanWithdraw = true });

        var text = CardCheck.Text(card);
        Assert.Contains("Not assigned yet", text, StringComparison.Ordinal);
        Assert.Contains("Overdue", text, StringComparison.Ordinal);
        Assert.Contains("No updates yet.", text, StringComparison.Ordinal);
        Assert.Equal(incident.Etag, CardCheck.Button(card, CardVerbs.IncidentWithdraw)["data"]!["etag"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "SEC-03")]
    public void RenderList_SecurityIncident_ShowsRestrictedInPlaceOfItsTitle()
    {
        var sample = (IncidentListCard)SampleCards.Model("incident-list");
        var secret = sample.Incidents.Single(i => i.IsSecurity);

        var card = CardCheck.Render(node, sample);

        Assert.Contains("Restricted", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Summary, card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(sample.Incidents.Count, CardCheck.Buttons(card).Count(b => b["verb"]!.GetValue<string>() == CardVerbs.IncidentView));
    }

    [Fact]
    public void RenderList_NoIncidents_ShowsTheEmptyStateAndReportButton()
    {
        var card = CardCheck.Render(node, new IncidentListCard([], 0));

        Assert.Contains("You have no open incidents.", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Equal([CardVerbs.IncidentNew], CardCheck.Buttons(card).Select(b => b["verb"]!.GetValue<string>()));
    }

    [Fact]
    [Trait("Requirement", "INC-12")]
    public void RenderChannel_Sample_OffersMeTooWithTheAffectedCount()
    {
        var card = CardCheck.Render(node, SampleCards.Model("incident-channel"));

        Assert.Contains("**7 people** affected so far.", CardCheck.Text(card), StringComparison.Ordinal);
        Assert.Equal("9a1b7c3d-2e4f-4a6b-8c0d-1e3f5a7b9c2d", CardCheck.Button(card, CardVerbs.IncidentMeToo)["data"]!["incidentId"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "SEC-03")]
    public void RenderChannel_SecurityIncident_ShowsOnlyItsNumber()
    {
        var sample = (IncidentChannelCard)SampleCards.Model("incident-channel");

        var card = CardCheck.Render(node, sample with { Incident = sample.Incident with { IsSecurity = true } });

        var json = card.ToJsonString();
        Assert.Contains("INC-001057", json, StringComparison.Ordinal);
        Assert.DoesNotContain(sample.Incident.Summary, json, StringComparison.Ordinal);
        Assert.DoesNotContain(sample.Incident.Service!, json, StringComparison.Ordinal);
        Assert.Empty(CardCheck.Buttons(card));
    }

    [Theory]
    [Trait("Requirement", "INC-11")]
    [InlineData(IncidentUpdateKind.AssignedToGroup, "The Messaging team is working on it now")]
    [InlineData(IncidentUpdateKind.WorkaroundAvailable, "There's a workaround you can use")]
    [InlineData(IncidentUpdateKind.Resolved, "We think it's fixed")]
    [InlineData(IncidentUpdateKind.StateChanged, "It's now in progress")]
    [InlineData(IncidentUpdateKind.NoteAdded, "There's a message from the team")]
    public void RenderUpdate_EachKind_HasItsHeadline(IncidentUpdateKind kind, string headline)
    {
        var sample = (IncidentUpdateCard)SampleCards.Model("incident-update");

        var card = CardCheck.Render(node, sample with { Kind = kind, Detail = kind == IncidentUpdateKind.StateChanged ? null : sample.Detail });

        Assert.Contains(headline, CardCheck.Text(card), StringComparison.Ordinal);
    }
}
