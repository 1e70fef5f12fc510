using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>
/// Raising a change on the one change form (CHG-01, CHG-15): from "Raise change" on an incident card, prefilled by
/// the API, and from the <c>change</c> command. A refused submit shows the API's words on the form; the accepted one
/// shows the status card with the assessment, and the change and the incident name each other.
/// </summary>
[Collection(FlowCollection.Name)]
public sealed class ChangeFormTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "CHG-01")]
    [Trait("Requirement", "CHG-03")]
    [Trait("Requirement", "CHG-15")]
    public async Task RaiseChangeOnIncidentCard_FormPrefilled_RefusalShownOnTheForm_SubmitCreatesTheLinkedChangeWithItsAssessment()
    {
        await flow.TurnAsync(Message(Charlie, "my incidents"));
        var incidentId = await flow.RaiseAsync(Dave, "VPN drops every ten minutes " + Guid.NewGuid().ToString("N")[..4]);
        var (_, status) = await flow.TurnAsync(Message(Charlie, $"status {incidentId}"));
        var incidentCard = Assert.Single(status).Card()!.Value;
        var (_, dave) = await flow.TurnAsync(Message(Dave, $"status {incidentId}"));
        Assert.False(Assert.Single(dave).Card()!.Value.HasButton(CardVerbs.ChangeForm)); // the reporter raises no changes

        var (_, posted) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeForm, Data(incidentCard.ButtonData(CardVerbs.ChangeForm)), "incident-card"));
        var form = Assert.Single(posted, r => r.Card() is { } c && c.HasButton(CardVerbs.ChangeCreate)).Card()!.Value;
        Assert.Contains($"Fix for {incidentId}: VPN drops every ten minutes", form.Words(), StringComparison.Ordinal);
        Assert.Contains(form.Objects(), o => o.TryGetProperty("id", out var id) && id.GetString() == "risk_history"); // Charlie assesses
        var submit = Data(form.ButtonData(CardVerbs.ChangeCreate));
        Assert.Equal(incidentId, submit["incidentId"]);

        var inputs = Inputs(submit, form);
        inputs.Remove("backoutPlan");
        var (refused, _) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeCreate, inputs, "form-card"));
        var again = refused.InvokeCard();
        Assert.Contains("Backout plan", again.Words(), StringComparison.Ordinal);
        Assert.Contains("is saved as a draft. Fix these fields to submit it.", again.Words(), StringComparison.Ordinal);
        var draftId = again.ButtonData(CardVerbs.ChangeCreate).GetProperty("changeId").GetString()!;
        Assert.StartsWith("CHG-", draftId, StringComparison.Ordinal);

        var fixedInputs = Inputs(Data(again.ButtonData(CardVerbs.ChangeCreate)), again);
        fixedInputs["backoutPlan"] = "Roll back to the previous gateway profile.";
        var (accepted, _) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeCreate, fixedInputs, "form-card"));

        var card = accepted.InvokeCard().Words();
        Assert.Contains($"{draftId} is submitted and assessed: Medium risk (score 9).", card, StringComparison.Ordinal);
        Assert.Contains("Why this risk: Likelihood 3", card, StringComparison.Ordinal);
        Assert.Contains("vpn-gw-01 (", card, StringComparison.Ordinal);
        Assert.Contains($"fixes incident {incidentId}", card, StringComparison.Ordinal);
        using var alice = flow.Api.As("alice@contoso.test");
        var change = await alice.GetFromJsonAsync<ChangeResponse>($"api/changes/{draftId}", ItsmJson.Options);
        Assert.Equal((ChangeState.Assessed, "charlie", "Roll back to the previous gateway profile."),
            (change!.State, change.OriginatorId, change.Plans.Single(p => p.Kind == PlanKind.Backout).Text));
        var links = await alice.GetFromJsonAsync<IReadOnlyList<LinkView>>($"api/incidents/{incidentId}/links", ItsmJson.Options);
        Assert.Contains(links!, l => l.FromId == draftId && l.Direction == "incoming");
        var (_, seen) = await flow.TurnAsync(Message(Charlie, $"status {incidentId}"));
        Assert.Contains($"{draftId} fixes incident", Assert.Single(seen).Words(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    public async Task ChangeCommand_StaffGetTheSameFormWithTitleAndCi_AnEndUserIsHelpedWithAnIncidentInstead()
    {
        var (_, staff) = await flow.TurnAsync(Message(Charlie, "change Replace the VPN gateway power supply on vpn-gw-01"));
        var (_, user) = await flow.TurnAsync(Message(Dave, "change my password please, it expired"));

        var form = Assert.Single(staff).Card()!.Value;
        Assert.True(form.HasButton(CardVerbs.ChangeCreate));
        var inputs = form.Objects().Where(o => o.TryGetProperty("id", out _) && o.TryGetProperty("value", out _))
            .ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("value").GetString());
        Assert.Equal(("Replace the VPN gateway power supply", "vpn-gw-01"), (inputs["title"], inputs["cis"]));
        Assert.DoesNotContain(user, r => r.Card() is { } c && c.HasButton(CardVerbs.ChangeCreate));
    }

    [Fact]
    [Trait("Requirement", "CHG-01")]
    public async Task ForwardedForm_SubmittedByAnEndUser_TheApisRefusalOnTheForm_NothingRaised()
    {
        var (_, staff) = await flow.TurnAsync(Message(Charlie, "change Swap the branch router on vpn-gw-01"));
        var form = Assert.Single(staff).Card()!.Value;
        var inputs = Inputs(Data(form.ButtonData(CardVerbs.ChangeCreate)), form);
        inputs["risk_history"] = "lots";

        var (badAnswer, _) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeCreate, inputs, "form-card"));
        inputs.Remove("risk_history");
        var (refused, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.ChangeCreate, inputs, "form-card"));

        Assert.Contains("Choose one of the five answers", badAnswer.InvokeCard().Words(), StringComparison.Ordinal);
        var card = refused.InvokeCard();
        Assert.True(card.HasButton(CardVerbs.ChangeCreate));
        Assert.Contains("Please check these fields", card.Words(), StringComparison.Ordinal); // the API's refusal, on the form
        Assert.Empty(await ChangesTitledAsync(inputs["title"]!.ToString()!));
        Assert.Equal(JsonValueKind.String, card.ButtonData(CardVerbs.ChangeCreate).GetProperty("changeId").ValueKind);
        Assert.Equal(string.Empty, card.ButtonData(CardVerbs.ChangeCreate).GetProperty("changeId").GetString());
    }

    private async Task<IReadOnlyList<ChangeSummary>> ChangesTitledAsync(string title)
    {
        using var charlie = flow.Api.As("charlie@contoso.test");
        var page = await charlie.GetFromJsonAsync<Page<ChangeSummary>>("api/changes?pageSize=200", ItsmJson.Options);
        return page!.Items.Where(c => c.Title == title).ToList();
    }

    /// <summary>Everything the form asks, as a person fills it in: a medium-risk normal change on the VPN gateway.</summary>
    private Dictionary<string, object?> Inputs(Dictionary<string, object?> submit, JsonElement form)
    {
        var day = flow.Api.Clock.GetUtcNow().UtcDateTime.Date.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var values = new Dictionary<string, object?>(submit)
        {
            ["model"] = "Normal",
            ["title"] = form.Objects().First(o => o.TryGetProperty("id", out var id) && id.GetString() == "title").GetProperty("value").GetString(),
            ["description"] = "Replace the gateway's tunnel profile that drops idle sessions.",
            ["scope"] = "The VPN gateway's tunnel profile",
            ["benefitCategory"] = "FaultFix",
            ["justification"] = "Stops the disconnections reported in the incident.",
            ["cis"] = "vpn-gw-01",
            ["windowStartDate"] = day,
            ["windowStartTime"] = "20:00",
            ["windowEndDate"] = day,
            ["windowEndTime"] = "21:30",
            ["implementationPlan"] = "Upload the new profile and apply it.",
            ["backoutPlan"] = "Apply the old profile again.",
            ["testPlan"] = "Stay connected for an hour from a laptop.",
            ["implementer"] = "nina",
        };
        foreach (var question in new[] { "history", "complexity", "testing", "reach", "backout" })
        {
            values["risk_" + question] = "3";
        }

        return values;
    }

    private static Dictionary<string, object?> Data(JsonElement data) => JsonSerializer.Deserialize<Dictionary<string, object?>>(data)!
        .ToDictionary(p => p.Key, p => (object?)(p.Value is JsonElement { ValueKind: JsonValueKind.String } s ? s.GetString() : p.Value?.ToString()));
}
