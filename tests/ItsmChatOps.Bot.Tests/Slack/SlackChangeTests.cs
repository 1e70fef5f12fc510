using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Tests.Infrastructure;

namespace ItsmChatOps.Bot.Tests.Slack;

/// <summary>
/// The change form in Slack (CHG-01, CHG-15): "Raise change" on an incident message opens the form as a modal through
/// views.open; a refused submit comes back on the modal with the API's words, the accepted one replaces it with the
/// assessed change.
/// </summary>
[Collection(SlackFlowCollection.Name)]
public sealed class SlackChangeTests(SlackFlowFixture slack)
{
    [Fact]
    [Trait("Requirement", "CHG-01")]
    [Trait("Requirement", "CHG-15")]
    public async Task RaiseChangeButton_ModalPrefilledFromTheIncident_RefusalShownOnTheModal_SubmitShowsTheLinkedChange()
    {
        var incidentId = await IncidentAsync("Branch VPN tunnel flaps " + slack.NextId("v"));
        var mark = await slack.MarkAsync();

        await slack.SendAsync(at => SlackRequests.Interaction(SlackRequests.BlockAction(SlackBot.Charlie.Id, "change.form",
            new { verb = "change.form", incidentId }, actionTs: slack.NextId("1700000009.")), at));
        var open = await slack.Bot.WaitForCallAsync(mark, "views.open");

        var view = open.Node()["view"]!;
        Assert.Equal("change.create", view["callback_id"]!.GetValue<string>());
        Assert.StartsWith($"Fix for {incidentId}: Branch VPN tunnel flaps", Block(view, "title")["element"]!["initial_value"]!.GetValue<string>(), StringComparison.Ordinal);
        var metadata = JsonNode.Parse(view["private_metadata"]!.GetValue<string>())!.AsObject();
        Assert.Equal(incidentId, metadata["incidentId"]!.GetValue<string>());

        var viewId = slack.NextId("V0CHG");
        var values = Values(view, withBackout: false);
        mark = await slack.MarkAsync();
        await slack.SendAsync(at => SlackRequests.Interaction(Submission(viewId, "hash-1", metadata, values), at));
        var refused = await slack.Bot.WaitForCallAsync(mark, "views.update");
        Assert.Contains("Backout plan", refused.SlackText(), StringComparison.Ordinal);
        var again = JsonNode.Parse(refused.Node()["view"]!["private_metadata"]!.GetValue<string>())!.AsObject();
        var changeId = again["changeId"]!.GetValue<string>();
        Assert.StartsWith("CHG-", changeId, StringComparison.Ordinal);

        mark = await slack.MarkAsync();
        await slack.SendAsync(at => SlackRequests.Interaction(Submission(viewId, "hash-2", again, Values(view, withBackout: true)), at));
        var accepted = await slack.Bot.WaitForCallAsync(mark, "views.update");

        Assert.Contains($"{changeId} is submitted and assessed", accepted.SlackText(), StringComparison.Ordinal);
        Assert.Contains($"fixes incident {incidentId}", accepted.SlackText(), StringComparison.Ordinal);
        using var alice = slack.Api.As("alice@contoso.test");
        var change = await alice.GetFromJsonAsync<ChangeResponse>($"api/changes/{changeId}", ItsmJson.Options);
        Assert.Equal(ChangeState.Assessed, change!.State);
        Assert.Contains(incidentId, change.OriginRefs);
    }

    private async Task<string> IncidentAsync(string summary)
    {
        using var dave = slack.Api.As("dave@contoso.test");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/incidents")
        {
            Content = JsonContent.Create(new CreateIncidentRequest { Summary = summary, ServiceId = "svc-vpn", Impact = Impact.Medium, Urgency = Urgency.Medium }, options: ItsmJson.Options),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var created = await dave.SendAsync(request);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>The modal's inputs as Slack's view state: block id → action id → element state.</summary>
    private Dictionary<string, object> Values(JsonNode view, bool withBackout)
    {
        var day = slack.Api.Clock.GetUtcNow().UtcDateTime.Date.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = new Dictionary<string, string>
        {
            ["title"] = Block(view, "title")["element"]!["initial_value"]!.GetValue<string>(),
            ["description"] = "Replace the branch tunnel's keep-alive settings.",
            ["scope"] = "The VPN gateway's branch tunnel",
            ["justification"] = "Stops the flapping the incident reports.",
            ["cis"] = "vpn-gw-01",
            ["windowStartDate"] = day,
            ["windowStartTime"] = "21:00",
            ["windowEndDate"] = day,
            ["windowEndTime"] = "22:00",
            ["implementationPlan"] = "Apply the new keep-alive settings.",
            ["testPlan"] = "Watch the tunnel for an hour.",
            ["implementer"] = "nina",
        };
        if (withBackout)
        {
            text["backoutPlan"] = "Apply the old settings.";
        }

        var values = text.ToDictionary(t => t.Key, t => (object)new Dictionary<string, object> { [t.Key] = new { type = "plain_text_input", value = t.Value } });
        values["model"] = Select("model", "radio_buttons", "Normal");
        values["benefitCategory"] = Select("benefitCategory", "static_select", "FaultFix");
        foreach (var question in new[] { "history", "complexity", "testing", "reach", "backout" })
        {
            values["risk_" + question] = Select("risk_" + question, "static_select", "2");
        }

        return values;
    }

    private static Dictionary<string, object> Select(string id, string type, string value) =>
        new() { [id] = new { type, selected_option = new { text = new { type = "plain_text", text = value }, value } } };

    private static object Submission(string viewId, string hash, JsonObject metadata, Dictionary<string, object> values) => new
    {
        type = "view_submission",
        team = new { id = SlackRequests.TeamId, domain = "contoso" },
        user = new { id = SlackBot.Charlie.Id, name = "charlie", team_id = SlackRequests.TeamId },
        api_app_id = SlackRequests.AppId,
        trigger_id = "trigger-" + hash,
        view = new { id = viewId, type = "modal", callback_id = "change.create", hash, private_metadata = metadata.ToJsonString(), state = new { values } },
    };

    private static JsonNode Block(JsonNode view, string id) => view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == id)!;
}
